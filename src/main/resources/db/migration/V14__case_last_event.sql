-- Catching up without false alarms (README, "Catching up after an outage").
--
-- When a case-management system sends a backlog, an obligation can be born already past a rung of its ladder
-- (overdue, say) one event before the event that completes it. Such a rung waits out the council's settle period
-- after the case's last event, and the firer re-checks that time when it claims the rung.
--
-- case_record.last_event_at: when the service last applied an event of the case (arrival, not the event's own time).
-- Not indexed: the firer reads it by the case's primary key, through the obligation it already joins.
alter table case_record add column last_event_at timestamptz;

-- reminder_rung.born_past: when the obligation was created already past this rung (null: an ordinary rung). Cleared
-- when the rung fires; the ladder's later rungs are ordinary ones.
alter table reminder_rung add column born_past timestamptz;
