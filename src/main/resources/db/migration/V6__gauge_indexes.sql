-- The state gauges behind /q/metrics (StateGauges, every 30 s on every replica) read these partial indexes only
-- (index-only scans), never the tables: their cost follows the open obligations and the notice queue, not history.
--
-- Open and overdue obligations by council and kind: authority, kind and due date of the open rows, in the gauge's
-- grouping order. One more entry per open obligation written; closed obligations leave it.
create index obligation_open_authority_kind_due on obligation (authority, kind, due_date) where status = 'OPEN';
-- Notices still to go, by status and channel. Settled notices (sent, delivered, failed, suppressed) are counted by
-- the receipt relay as they settle (cin.notices.settled), not here. Reminders recorded as sent never enter it; a
-- notice going through the dispatcher adds an entry when planned and one when claimed, as it does in notice_due
-- and notice_sending already.
create index notice_live_channel on notice (status, channel) where status in ('SCHEDULED', 'SENDING');

-- What it costs at start-up: each CREATE INDEX reads its whole table once and holds a SHARE lock on it until this
-- migration commits. Reads go on; writes to notice and obligation (ingest, the dispatcher, reminder firing) wait.
-- At national scale (4.8M notices in 2.3 GB, 1M obligations; bench/gauges/run.sh on PostgreSQL 15, 2 cores shared
-- with other work) the builds took 1.3-1.8 s (obligation) and 1.9-2.6 s (notice), once, at the first start after
-- the upgrade. Those writes wait for it and then carry on: nothing fails and nothing is lost.
--
-- Why not CREATE INDEX CONCURRENTLY (which Flyway would run outside a transaction): it does not block writes, but
-- it scans each table twice and waits for every transaction open on the table to finish, so a replica's start-up
-- can hang behind a long transaction. If it fails (a deadlock, a cancelled start) it leaves an INVALID index that
-- Flyway does not know about: the next start fails on "already exists", or with IF NOT EXISTS skips it and leaves
-- the gauges on a broken index. In one transaction the indexes are both there or neither, for a wait of seconds
-- at most.
