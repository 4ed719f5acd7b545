-- The reminder ladder moves off the obligation into a narrow table of its own.
--
-- Firing a rung writes its ladder twice (lease, then advance). On the obligation row that meant a wide
-- tuple and, because next_reminder_at is indexed, a new entry in each of the obligation's eight indexes,
-- twice per reminder: the firing benchmark's largest cost in PostgreSQL. Here a rung is a short row with
-- two indexes. Taking the lease changes no indexed column, so with the free space fillfactor leaves on
-- each page it is a HOT update (no index entry at all); only the advance moves due_at.
--
-- A row exists while its obligation is OPEN and has a rung to come: ingestion deletes it when the
-- obligation closes, the firer when the ladder ends.
create table reminder_rung (
    obligation_id uuid primary key references obligation (id),
    due_at        timestamptz not null, -- when the rung is due
    step          text        not null, -- its key: before-5, before-1, before-0, good-practice, overdue-N
    last_step     text,                 -- the rung last sent, so a ladder never goes back
    last_at       timestamptz,
    lease         text,                 -- the replica firing it now; still set after lease_until: it died
    lease_until   timestamptz
) with (fillfactor = 60);
create index reminder_rung_due on reminder_rung (due_at);

insert into reminder_rung (obligation_id, due_at, step, last_step, last_at, lease, lease_until)
select id, next_reminder_at, next_reminder_step, last_reminder_step, last_reminder_at, reminder_lease,
       case when reminder_lease is not null then next_reminder_at end
from obligation
where status = 'OPEN' and next_reminder_at is not null and next_reminder_step is not null;

drop index obligation_reminder_due;
alter table obligation
    drop column next_reminder_at,
    drop column next_reminder_step,
    drop column last_reminder_at,
    drop column last_reminder_step,
    drop column reminder_lease;

-- Receipts: a row is deleted once Kafka has it (a delete writes less than an update, and the notice
-- itself is the lasting record), so the primary key is the queue's only index.
drop index receipt_outbox_pending;
delete from receipt_outbox where published_at is not null;
alter table receipt_outbox drop column published_at;

-- Notice indexes that every sent reminder paid for and few queries need:
-- withdrawals look only for SCHEDULED notices of an obligation;
drop index notice_obligation;
create index notice_obligation_scheduled on notice (obligation_id) where status = 'SCHEDULED' and obligation_id is not null;
-- delivery receipts come only from GOV.UK Notify (and name our notice id as their reference).
drop index notice_provider_id;
create index notice_notify_id on notice (provider_id) where provider = 'notify';
