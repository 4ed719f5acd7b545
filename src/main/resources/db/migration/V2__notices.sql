-- Notices: every message the service sends, suppresses or fails to send, with its natural key.

-- The reminder ladder is data, not a timer: the next rung of each open obligation is a column.
alter table obligation
    add column next_reminder_at   timestamptz,
    add column next_reminder_step text,
    add column last_reminder_at   timestamptz,
    add column last_reminder_step text;
create index obligation_reminder_due on obligation (next_reminder_at)
    where status = 'OPEN' and next_reminder_at is not null;

create table notice (
    id                       uuid primary key, -- derived from notice_key: the same notice is the same row
    notice_key               text        not null,
    case_id                  text        not null references case_record (case_id),
    authority                text        not null,
    template                 text        not null,
    channel                  text        not null,
    recipient_participant_id text        not null,
    recipient_role           text        not null,
    language                 text        not null,
    status                   text        not null
        check (status in ('SCHEDULED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED')),
    scheduled_for            timestamptz not null,
    next_attempt_at          timestamptz not null,
    attempts                 integer     not null default 0,
    claimed_by               text,
    claimed_until            timestamptz,
    sent_at                  timestamptz,
    delivered_at             timestamptz,
    failed_at                timestamptz,
    provider                 text,
    provider_id              text,
    reason                   text,
    group_key                text,
    obligation_id            uuid,
    data                     jsonb       not null default '{}',
    template_version         text,
    sms_fragments            integer,
    sms_unicode              boolean,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now()
);
-- The dispatcher's claim: due, scheduled notices in time order.
create index notice_due on notice (next_attempt_at) where status = 'SCHEDULED';
-- Leases of crashed dispatchers, to recover.
create index notice_sending on notice (claimed_until) where status = 'SENDING';
create index notice_case on notice (case_id, created_at);
create index notice_group on notice (group_key) where group_key is not null;
create index notice_obligation on notice (obligation_id) where obligation_id is not null;
create index notice_provider_id on notice (provider_id) where provider_id is not null;
create index notice_failed on notice (failed_at) where status = 'FAILED';

-- Copies of one document: complete when every recipient has it (or is suppressed); fulfils its obligations.
create table dispatch_group (
    group_key      text primary key,
    case_id        text        not null,
    obligation_ids uuid[]      not null,
    created_at     timestamptz not null default now(),
    completed_at   timestamptz
);
create index dispatch_group_open on dispatch_group (created_at) where completed_at is null;

-- Transactional outbox of notice outcomes, relayed to the notice-receipts topic.
create table receipt_outbox (
    id           bigserial primary key,
    notice_id    uuid        not null,
    case_id      text        not null,
    status       text        not null,
    occurred_at  timestamptz not null,
    published_at timestamptz
);
create index receipt_outbox_pending on receipt_outbox (id) where published_at is null;
