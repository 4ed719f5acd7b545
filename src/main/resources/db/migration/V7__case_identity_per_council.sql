-- A case is (authority, case_id): councils number their cases independently, so the same case id under two
-- councils is two cases that never meet (CONTRACT-2 §6). Participant ids are scoped the same way. Every table that
-- names a case now names its council too, and every key and foreign key that held case_id holds both.
--
-- Existing rows keep everything they had: each case already belonged to exactly one council (case_record.authority,
-- and the ingest refused events of another council for it), so the council of every participant, processed event,
-- distribution and receipt is its case's. Nothing is deleted; ids (obligations, notices) do not change, as they are
-- derived from the events that created them, whose (source, id) stays global.

-- 1. Foreign keys that point at case_record (case_id) go first: its key is about to change.
alter table participant drop constraint participant_case_id_fkey;
alter table obligation drop constraint obligation_case_id_fkey;
alter table notice drop constraint notice_case_id_fkey;

-- 2. case_record: keyed by (authority, case_id).
alter table case_record drop constraint case_record_pkey;
alter table case_record add primary key (authority, case_id);
drop index case_record_authority; -- the primary key leads with authority

-- 3. participant: gains its case's council, keyed by (authority, case_id, participant_id).
alter table participant add column authority text;
update participant p set authority = c.authority from case_record c where c.case_id = p.case_id;
alter table participant alter column authority set not null;
alter table participant drop constraint participant_pkey;
alter table participant add primary key (authority, case_id, participant_id);
alter table participant add constraint participant_case_fkey
    foreign key (authority, case_id) references case_record (authority, case_id);

-- 4. obligation and notice already carry authority: the foreign keys and case indexes take it.
alter table obligation add constraint obligation_case_fkey
    foreign key (authority, case_id) references case_record (authority, case_id);
drop index obligation_one_open_per_kind;
create unique index obligation_one_open_per_kind on obligation (authority, case_id, kind) where status = 'OPEN';
drop index obligation_case;
create index obligation_case on obligation (authority, case_id);

alter table notice add constraint notice_case_fkey
    foreign key (authority, case_id) references case_record (authority, case_id);
drop index notice_case;
create index notice_case on notice (authority, case_id, created_at);

-- 5. The other tables that name a case: its council too (row-level security keys on it).
alter table processed_event add column authority text;
update processed_event e set authority = c.authority from case_record c where c.case_id = e.case_id;
-- An event whose case row was never written (none should exist; kept rather than lost) keeps a null council:
-- it still deduplicates its (source, id), and is visible only to the migration's owner.

alter table dispatch_group add column authority text;
update dispatch_group g set authority = c.authority from case_record c where c.case_id = g.case_id;
alter table dispatch_group alter column authority set not null;

alter table receipt_outbox add column authority text;
update receipt_outbox o set authority = c.authority from case_record c where c.case_id = o.case_id;
alter table receipt_outbox alter column authority set not null;

-- A rung is its obligation's: the council is copied so that row-level security needs no join.
alter table reminder_rung add column authority text;
update reminder_rung r set authority = o.authority from obligation o where o.id = r.obligation_id;
alter table reminder_rung alter column authority set not null;
