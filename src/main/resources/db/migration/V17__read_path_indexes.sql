-- Two indexes the read path wanted at national scale (issue 14, bench/readpath.sh).
--
-- A caseworker's obligations, whatever their status (GET /api/obligations?owner=, the case-read check): an index on
-- the owner over every row, in place of V1's over open rows only. Without it, a query by owner that did not also say
-- OPEN read the whole table (230-480 ms at p95 over a million obligations, issue 14). The open-only readers (the
-- calendar feed, a caseworker's councils) read the same index and leave out the closed rows of their owner (a few
-- dozen), so the table keeps the same number of indexes.
drop index obligation_open_owner_due;
create index obligation_owner_due on obligation (owner_participant_id, due_date);

-- A case read finds the case's council by its id alone (CaseRecordStore.authoritiesOf, before the access check): since
-- V7 the key is (authority, case_id), and nothing started with case_id, so each read scanned every case (about 30 ms
-- of each case read at 400,000 cases, bench/readpath.sh). The id never changes, so updates of a case stay HOT.
create index case_record_case_id on case_record (case_id);
