-- The rungs that wait for their case to settle (born_past, V14), found without reading every rung: ingest asks,
-- for the cases of each batch whose facts did not change, whether any of their rungs waits, and only then writes the
-- case's last event time. A handful of rows in steady running; the backlog's rungs while catching up.
create index reminder_rung_settling on reminder_rung (obligation_id) where born_past is not null;
