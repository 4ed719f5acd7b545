-- Reminder firing claims a rung, sends it and records it in one pass. While a rung is in flight its
-- obligation is leased: next_reminder_at moves to the lease's end and reminder_lease names the holder.
-- A lease found on a due rung means its holder died: the provider is asked before anything is resent.
alter table obligation add column reminder_lease text;
