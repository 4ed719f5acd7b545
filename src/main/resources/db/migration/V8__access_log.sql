-- Who read which case's data: one row per read of a case by a person (a caseworker's or a manager's token; the
-- integration role is never recorded), written in batches by the service's AccessLog a moment after the read.
--
-- Append-only for the service: it only inserts (AccessLogStore has no update statement). The one delete is the
-- retention purge of rows read longer ago than reminders.access-log.retention (AccessRetention, daily). Revoking
-- UPDATE and DELETE on this table from the service's database role comes with the later row-level security and
-- roles change (the purge then runs under a role of its own).
--
-- No foreign key to case_record: the log outlives whatever becomes of the case row, and it is keyed by council and
-- case id as written, so the change of a case's identity to (authority, case_id) needs no change here.
create table access_log (
    id        bigint      generated always as identity primary key,
    authority text        not null,
    case_id   text        not null,
    subject   text        not null, -- the token's participant id (its participant_id claim, else its name)
    role      text        not null, -- the role the read was allowed by: caseworker or manager (none with auth off)
    endpoint  text        not null, -- the route template, e.g. GET /api/cases/{caseId}/obligations
    read_at   timestamptz not null
);
-- One case's log, newest first (GET /api/cases/{caseId}/access-log reads it backwards, id breaking ties).
create index access_log_case_read_at on access_log (authority, case_id, read_at, id);
-- The retention purge: the oldest rows first.
create index access_log_read_at on access_log (read_at);
