-- The state gauges count the due notices (cin_notices_due, for the "nothing sent while notices are due" alert) from
-- notice_due alone: row-level security reads authority too, so it is carried in the index (as V9 did for
-- notice_live_channel), and the count stays an index-only scan. The index stays small: SCHEDULED rows only.
drop index notice_due;
create index notice_due on notice (next_attempt_at) include (authority) where status = 'SCHEDULED';
