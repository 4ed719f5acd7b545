-- A national-scale notice and obligation history for bench/gauges/run.sh: 400k cases in 153 councils (a few large,
-- many small), 1M obligations (30% open, of which about a sixth overdue on :'today'), 4.8M notices (most sent or
-- delivered, 4% scheduled, a few hundred in flight). Rows carry realistic widths (keys, JSON data, trace context),
-- so the tables are as large on disk as real ones. psql -v today=YYYY-MM-DD -v cases=N -v obligations=N -v notices=N
\set ON_ERROR_STOP on
set synchronous_commit = off;

insert into case_record (case_id, authority, plan_type, long_term_support, opened_on, team, plan_start)
select 'CIN-' || lpad(g::text, 7, '0'),
       'council-' || lpad(floor(153 * power(random(), 1.7))::int::text, 3, '0'),
       (array['CHILD_IN_NEED', 'CHILD_PROTECTION', 'EARLY_HELP'])[1 + floor(random() * 3)::int],
       random() < 0.1,
       date :'today' - floor(random() * 900)::int,
       'team-' || (g % 37),
       date :'today' - floor(random() * 600)::int
from generate_series(1, :cases) g;

-- Obligation g belongs to case (g-1) mod cases + 1; its kind is its round's step from the case's own start, so a
-- case never has two rows of one kind (the unique index on open ones holds whatever the statuses drawn).
insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role, owner_participant_id,
                        triggered_by_source, triggered_by_id, triggered_on, agreed_date, breach, closed_on, close_reason,
                        closed_by)
select gen_random_uuid(), c.case_id, c.authority, k.kinds[1 + (o.round * 5 + o.n % 15) % 15], 'L' || (1 + o.n % 9),
       case when o.s < 0.30 and o.r2 < 0.02 then null
            when o.s < 0.30 then date :'today' - 30 + floor(o.r2 * 180)::int
            else date :'today' - 30 - floor(o.r2 * 700)::int end,
       case when o.s < 0.30 then 'OPEN' when o.s < 0.88 then 'COMPLETED' else 'CANCELLED' end,
       'LEAD_PROFESSIONAL', 'lp-' || c.case_id, 'case-management', 'evt-' || md5(o.g::text),
       date :'today' - 60 - floor(o.r2 * 600)::int, null, random() < 0.01,
       case when o.s >= 0.30 then date :'today' - floor(o.r2 * 700)::int end,
       case when o.s >= 0.88 then 'SUPERSEDED' when o.s >= 0.30 then 'FULFILLED' end,
       case when o.s >= 0.30 then 'lp-' || c.case_id end
from (select g, (g - 1) % :cases + 1 as n, (g - 1) / :cases as round, random() as s, random() as r2
      from generate_series(1, :obligations) g) o
join case_record c on c.case_id = 'CIN-' || lpad(o.n::text, 7, '0')
cross join (select array['INITIAL_PLAN', 'PLANNING_MEETING', 'PLAN_COMPLETION', 'PLAN_DISTRIBUTION',
                         'OUTLINE_PLAN_DISTRIBUTION', 'MEETING_RECORD_DISTRIBUTION', 'CARE_TEAM_MEETING', 'HOME_VISIT',
                         'SEE_CHILD_ALONE', 'PLAN_REVIEW', 'FORMAL_REVIEW', 'REVIEW_RECORD_DISTRIBUTION',
                         'LEGAL_ADVICE', 'CLOSURE_NOTIFICATION', 'TEAM_TRANSFER'] as kinds) k;

insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id, recipient_role,
                    language, status, scheduled_for, next_attempt_at, attempts, sent_at, delivered_at, failed_at, provider,
                    provider_id, reason, obligation_id, data, template_version, sms_fragments, sms_unicode, traceparent)
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
                          'documentUrl', 'https://cms.example/plans/' || n.g, 'team', 'Children in Need ' || (n.g % 37)),
       'v1', case when t.channel = 'SMS' then 1 end, case when t.channel = 'SMS' then false end,
       '00-' || md5(n.g::text) || '-' || left(md5(c.case_id), 16) || '-01'
from (select g, 1 + floor(random() * :cases)::int as n, random() as r1, random() as r2, random() as r3,
             case when random() < 0.04 then timestamptz :'today' + random() * interval '60 days'
                  else timestamptz :'today' - random() * interval '900 days' end as at
      from generate_series(1, :notices) g) n
join case_record c on c.case_id = 'CIN-' || lpad(n.n::text, 7, '0')
cross join lateral (
    select tpl.template, tpl.role, tpl.recipient,
           case when tpl.role in ('PARENT', 'CARER') and n.r2 < 0.35 then 'SMS' else 'EMAIL' end as channel,
           -- dates ahead: scheduled (a few hundred in flight); behind: settled
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
                        'LEAD_PROFESSIONAL', 'TEAM_MANAGER', 'LEAD_PROFESSIONAL'])[1 + floor(n.r3 * 10)::int] as role,
                 'p-' || (n.g % 7) as recipient) tpl) t;
