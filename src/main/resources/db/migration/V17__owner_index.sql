-- A caseworker's obligations, whatever their status (GET /api/obligations?owner=, the case-read check): an index on
-- the owner over every row, in place of V1's over open rows only. Without it, a query by owner that did not also say
-- OPEN read the whole table (230-480 ms at p95 over a million obligations, issue 14). The open-only readers (the
-- calendar feed, a caseworker's councils) read the same index and leave out the closed rows of their owner (a few
-- dozen), so the table keeps the same number of indexes.
drop index obligation_open_owner_due;
create index obligation_owner_due on obligation (owner_participant_id, due_date);
