-- A national-scale case load for bench/readpath.sh, written for the newest schema (V16 and later: run it on a database
-- the service has migrated and started once, so that calendar_state holds each council's calendar fingerprint).
-- Adapted from bench/gauges/fill.sql (same notice mix and row widths), with the shape of issue 14's measurement:
--   * :cases cases in the 5 bundled councils (derbyshire 30 %, durham 22 %, walsall 18 %, hillingdon 16 %,
--     portsmouth 14 % of the teams), about 5 % closed;
--   * :cases / 20 lead professionals, each with 20 cases, in teams of 8 (case_record.team = the lead's team, so
--     :cases / 160 teams: 2,500 at 400k);
--   * participants per case: the lead professional (lp-<n>), the team manager (tm-<team>), a parent, and in a
--     quarter of the cases a carer (about 3.25 per case);
--   * :obligations obligations (2.5 per case at the defaults), due from 18 months ago to 12 months ahead, evenly:
--     ahead 90 % open, 6 % completed early, 4 % cancelled; behind 8 % still open (overdue), 66 % completed on time,
--     14 % completed late, 6 % cancelled as superseded after the due date (missed), 6 % void before it; every
--     obligation of a closed case closed (CASE_CLOSED where it would have been open). Owners: the team manager for
--     FORMAL_REVIEW and TEAM_TRANSFER, none for 2 % (unassigned), else the lead professional;
--   * :notices notices as in gauges/fill.sql (statuses, channels, templates), addressed to the case's participants,
--     created when they were scheduled.
-- The secondary indexes of the four tables are dropped while filling and built again from their own definitions
-- afterwards (foreign-key triggers off too), which is several times faster than maintaining them row by row.
-- psql -v today=YYYY-MM-DD -v cases=N -v obligations=N -v notices=N
\set ON_ERROR_STOP on
set synchronous_commit = off;
set session_replication_role = replica; -- no foreign-key triggers while filling (the rows are consistent by design)
set maintenance_work_mem = '512MB';

create temporary table saved_index as
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class t on t.oid = i.indrelid
    where t.relname in ('case_record', 'participant', 'obligation', 'notice')
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);
do $$ declare r record; begin
    for r in select name from saved_index loop execute 'drop index ' || r.name; end loop;
end $$;

create temporary table lp as
    select k, k / 8 as t,
           case when (k / 8)::float / ((:cases / 160) + 1) < 0.30 then 'derbyshire'
                when (k / 8)::float / ((:cases / 160) + 1) < 0.52 then 'durham'
                when (k / 8)::float / ((:cases / 160) + 1) < 0.70 then 'walsall'
                when (k / 8)::float / ((:cases / 160) + 1) < 0.86 then 'hillingdon'
                else 'portsmouth' end as authority
    from generate_series(0, :cases / 20 - 1) k;

create temporary table cs as
    select g as n, 'C' || lpad(g::text, 7, '0') as case_id, lp.authority, lp.k, lp.t,
           case when random() < 0.05 then date :'today' - 1 - floor(random() * 180)::int end as closed_on,
           date :'today' - 30 - floor(random() * 870)::int as opened_on, random() < 0.25 as has_carer
    from generate_series(0, :cases - 1) g join lp on lp.k = g % (:cases / 20);
create unique index on cs (n);
analyze cs;

insert into case_record (case_id, authority, plan_type, long_term_support, opened_on, team, plan_start, closed_on,
                         last_event_at)
select case_id, authority, (array['CHILD_IN_NEED', 'CHILD_PROTECTION', 'EARLY_HELP'])[1 + n % 3], n % 10 = 0,
       opened_on, 'Team ' || lpad(t::text, 4, '0'), opened_on + 10, closed_on,
       coalesce(closed_on, date :'today') - floor(random() * 30)::int + time '10:00'
from cs;

insert into participant (authority, case_id, participant_id, position, role, name, email, mobile, preferred_channel,
                         language, receives_copies)
select authority, case_id, 'lp-' || k, 0, 'LEAD_PROFESSIONAL', 'Lead Professional ' || k,
       'lp' || k || '@' || authority || '.gov.uk.example', null, 'EMAIL', 'en', true from cs
union all
select authority, case_id, 'tm-' || t, 1, 'TEAM_MANAGER', 'Team Manager ' || t,
       'tm' || t || '@' || authority || '.gov.uk.example', null, 'EMAIL', 'en', true from cs
union all
select authority, case_id, 'parent-1', 2, 'PARENT', 'Parent of ' || case_id, 'parent.' || n || '@mail.example',
       '07700' || lpad((n % 1000000)::text, 6, '0'), case when n % 3 = 0 then 'SMS' else 'EMAIL' end,
       case when n % 33 = 0 then 'cy' else 'en' end, true from cs
union all
select authority, case_id, 'carer-1', 3, 'CARER', 'Carer of ' || case_id, 'carer.' || n || '@mail.example',
       null, 'EMAIL', 'en', true from cs where has_carer;

-- Obligation g belongs to case g mod cases; its kind is its round's step from the case's own start (rounds 0, 1, 2
-- take kinds 5 apart), so a case never has two open rows of one kind.
insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role, owner_participant_id,
                        triggered_by_source, triggered_by_id, triggered_on, breach, closed_on, close_reason, closed_by,
                        record_kind, policy_version, rule_key, due_rule_key, due_from, calendar_fp, created_at, updated_at)
select gen_random_uuid(), c.case_id, c.authority, o.kind, 'L' || (1 + o.n % 9), o.due,
       case when o.st = 'OPEN' and c.closed_on is not null then 'CANCELLED' else o.st end,
       case when o.kind in ('FORMAL_REVIEW', 'TEAM_TRANSFER') then 'TEAM_MANAGER' else 'LEAD_PROFESSIONAL' end,
       case when o.r3 < 0.02 then null
            when o.kind in ('FORMAL_REVIEW', 'TEAM_TRANSFER') then 'tm-' || c.t else 'lp-' || c.k end,
       'urn:cms:' || c.authority, 'evt-' || o.g, o.due - 20, o.r3 > 0.99,
       case when o.st = 'OPEN' and c.closed_on is not null then c.closed_on else o.closed end,
       case when o.st = 'OPEN' and c.closed_on is not null then 'CASE_CLOSED' else o.reason end,
       case when o.st <> 'OPEN' or c.closed_on is not null then 'lp-' || c.k end,
       case o.kind when 'MEETING_RECORD_DISTRIBUTION' then 'PLANNING_MEETING'
                   when 'REVIEW_RECORD_DISTRIBUTION' then 'REVIEW' end,
       '1', 'L' || (1 + o.n % 9) || '#1', 'L' || (1 + o.n % 9) || '#1', o.due - 20, s.fingerprint,
       (o.due - 20) + time '09:00', coalesce(o.closed, o.due - 20) + time '17:00'
from (select g, n, kind, due, r3, s,
             case when due >= date :'today' then (case when s < 0.90 then 'OPEN' when s < 0.96 then 'COMPLETED' else 'CANCELLED' end)
                  else (case when s < 0.08 then 'OPEN' when s < 0.88 then 'COMPLETED' else 'CANCELLED' end) end as st,
             case when due >= date :'today' then (case when s < 0.90 then null
                                                      else date :'today' - floor(r2 * 20)::int end)
                  when s < 0.08 then null
                  when s < 0.74 then due - floor(r2 * 10)::int                              -- on time
                  when s < 0.94 then least(due + 1 + floor(r2 * 40)::int, date :'today')    -- late, or superseded late
                  else due - 1 - floor(r2 * 10)::int end as closed,                          -- void before it was due
             case when due >= date :'today' then (case when s < 0.90 then null when s < 0.96 then 'FULFILLED' else 'VOID' end)
                  when s < 0.08 then null when s < 0.88 then 'FULFILLED' when s < 0.94 then 'SUPERSEDED'
                  else 'VOID' end as reason
      from (select g, g % :cases as n, random() as s, random() as r2, random() as r3,
                   date :'today' - 548 + floor(random() * 913)::int as due,
                   (array['INITIAL_PLAN', 'PLANNING_MEETING', 'PLAN_COMPLETION', 'PLAN_DISTRIBUTION',
                          'OUTLINE_PLAN_DISTRIBUTION', 'MEETING_RECORD_DISTRIBUTION', 'CARE_TEAM_MEETING', 'HOME_VISIT',
                          'SEE_CHILD_ALONE', 'PLAN_REVIEW', 'FORMAL_REVIEW', 'REVIEW_RECORD_DISTRIBUTION',
                          'LEGAL_ADVICE', 'CLOSURE_NOTIFICATION', 'TEAM_TRANSFER'])[1 + ((g / :cases) * 5 + (g % :cases) % 15) % 15] as kind
            from generate_series(0, :obligations - 1) g) x) o
join cs c on c.n = o.n
left join calendar_state s on s.authority = c.authority;

insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id, recipient_role,
                    language, status, scheduled_for, next_attempt_at, attempts, sent_at, delivered_at, failed_at, provider,
                    provider_id, reason, obligation_id, data, template_version, sms_fragments, sms_unicode, traceparent,
                    created_at, updated_at)
select gen_random_uuid(), c.case_id || '|' || t.template || '|' || t.recipient || '|' || n.g, c.case_id, c.authority,
       t.template, t.channel, t.recipient, t.role, case when n.r3 < 0.03 then 'cy' else 'en' end, t.status,
       n.at, n.at, case when t.status in ('SCHEDULED', 'SUPPRESSED') then 0 else 1 + (n.r3 < 0.05)::int end,
       case when t.status in ('SENT', 'DELIVERED') then n.at + interval '2 seconds' end,
       case when t.status = 'DELIVERED' then n.at + interval '40 seconds' end,
       case when t.status = 'FAILED' then n.at + interval '3 seconds' end,
       case when t.status in ('SENT', 'DELIVERED', 'FAILED') then (case t.channel when 'SMS' then 'notify' else 'smtp' end) end,
       case when t.status in ('SENT', 'DELIVERED', 'FAILED') then md5(n.g::text) end,
       case t.status when 'FAILED' then 'invalid-mobile' when 'SUPPRESSED' then 'receives no copies' end,
       case when t.template like 'obligation-%' then gen_random_uuid() end,
       jsonb_build_object('childFirstName', 'Sam', 'dueDate', to_char(n.at, 'YYYY-MM-DD'), 'meeting', 'REVIEW',
                          'documentUrl', 'https://cms.example/plans/' || n.g, 'team', 'Team ' || lpad(c.t::text, 4, '0')),
       'v1', case when t.channel = 'SMS' then 1 end, case when t.channel = 'SMS' then false end,
       '00-' || md5(n.g::text) || '-' || left(md5(c.case_id), 16) || '-01',
       least(n.at, timestamptz :'today') - interval '1 day', least(n.at, timestamptz :'today')
from (select g, floor(random() * :cases)::int as n, random() as r1, random() as r2, random() as r3,
             case when random() < 0.04 then timestamptz :'today' + random() * interval '60 days'
                  else timestamptz :'today' - random() * interval '900 days' end as at
      from generate_series(1, :notices) g) n
join cs c on c.n = n.n
cross join lateral (
    select tpl.template, tpl.role,
           case tpl.role when 'LEAD_PROFESSIONAL' then 'lp-' || c.k when 'TEAM_MANAGER' then 'tm-' || c.t
                         when 'PARENT' then 'parent-1' when 'CARER' then 'carer-1' when 'CHILD' then 'child-1'
                         else 'agency-1' end as recipient,
           case when tpl.role in ('PARENT', 'CARER') and n.r2 < 0.35 then 'SMS' else 'EMAIL' end as channel,
           case when n.at > timestamptz :'today' then (case when n.r1 < 0.0025 then 'SENDING' else 'SCHEDULED' end)
                when n.r1 < 0.045 then 'SUPPRESSED'
                when n.r1 < 0.07 then 'FAILED'
                when tpl.role in ('PARENT', 'CARER') and n.r2 < 0.35 then 'DELIVERED'
                when n.r1 < 0.45 then 'DELIVERED'
                else 'SENT' end as status
    from (select (array['plan-copy', 'record-copy', 'meeting-invitation', 'meeting-reminder', 'closure-notice',
                        'obligation-reminder', 'obligation-overdue', 'obligation-reminder', 'policy-breach',
                        'contact-failed'])[1 + floor(n.r3 * 10)::int] as template,
                 (array['PARENT', 'CARER', 'CHILD', 'AGENCY', 'PARENT', 'LEAD_PROFESSIONAL', 'TEAM_MANAGER',
                        'LEAD_PROFESSIONAL', 'TEAM_MANAGER', 'LEAD_PROFESSIONAL'])[1 + floor(n.r3 * 10)::int] as role) tpl) t;

set session_replication_role = origin;
do $$ declare r record; begin
    for r in select def from saved_index loop execute r.def; end loop;
end $$;
