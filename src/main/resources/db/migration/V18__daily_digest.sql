-- The daily digest for professionals (CONTRACT-2 §7, issue 14).
--
-- A digest is a notice about one person's work across cases, not about a case: it has no case. Every other notice
-- keeps its case (the planners always give one).
alter table notice alter column case_id drop not null;
alter table notice add constraint notice_case_or_digest check (case_id is not null or template = 'daily-digest');

-- A rung folded into a digest is kept as SUPPRESSED, reason in-digest, naming the digest it went in; the digest's
-- content is read through this index when it is sent.
alter table notice add column digest_id uuid;
create index notice_digest on notice (digest_id) where digest_id is not null;

-- The digest finds a professional's contact details on any of their cases: their latest row.
create index participant_person on participant (authority, participant_id, updated_at);

-- A team manager's digest adds the overdue work of their team's cases: the cases they hold that role on.
create index participant_team_manager on participant (authority, participant_id) where role = 'TEAM_MANAGER';

-- Which councils' digests of which day have been planned: the planner's claim, so that two replicas, or a restart,
-- plan each day once (the notices' keys would also keep the digests single; this keeps the planning query single).
create table digest_day (
    authority  text        not null,
    day        date        not null,
    planned_at timestamptz not null,
    digests    integer     not null,
    primary key (authority, day)
);

alter table digest_day enable row level security;
create policy acting_councils on digest_day
    using ((select cin_all_councils()) or authority = any ((select cin_councils())::text[]))
    with check ((select cin_all_councils()) or authority = any ((select cin_councils())::text[]));
grant select, insert, update on digest_day to "${service_role}";
