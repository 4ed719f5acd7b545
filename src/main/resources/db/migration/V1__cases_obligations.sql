-- Cases, their participants, their obligations, and the ids of events already applied.

create table case_record (
    case_id                  text primary key,
    authority                text        not null,
    plan_type                text        not null,
    long_term_support        boolean     not null default false,
    opened_on                date,
    team                     text,
    plan_start               date,
    last_review_on           date,
    last_visit_on            date,
    last_child_seen_alone_on date,
    seen_alone_this_cycle    boolean     not null default false,
    closed_on                date,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now()
);
create index case_record_authority on case_record (authority);

-- Personal data lives here and nowhere else; removal deletes the row.
create table participant (
    case_id              text        not null references case_record (case_id),
    participant_id       text        not null,
    position             integer     not null, -- order of last upsert: the latest holder of a role is current
    role                 text        not null,
    name                 text        not null,
    email                text,
    mobile               text,
    preferred_channel    text        not null,
    language             text        not null,
    date_of_birth        date,
    receives_copies      boolean,
    withhold_reason      text,
    address_confidential boolean     not null default false,
    agency               text,
    updated_at           timestamptz not null default now(),
    primary key (case_id, participant_id)
);

create table obligation (
    id                   uuid primary key,
    case_id              text        not null references case_record (case_id),
    authority            text        not null,
    kind                 text        not null,
    rule_id              text        not null,
    due_date             date,
    status               text        not null check (status in ('OPEN', 'COMPLETED', 'CANCELLED')),
    owner_role           text        not null,
    owner_participant_id text,
    triggered_by_source  text        not null,
    triggered_by_id      text        not null,
    triggered_on         date        not null,
    agreed_date          date,
    breach               boolean     not null default false,
    good_practice_on     date,
    closed_on            date,
    close_reason         text,
    closed_by            text,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
-- The invariant "one open obligation per case and kind" is the database's too.
create unique index obligation_one_open_per_kind on obligation (case_id, kind) where status = 'OPEN';
-- "What is due before T" stays an index range scan at millions of rows: partial indexes over open rows only.
create index obligation_open_due on obligation (due_date, id) where status = 'OPEN';
create index obligation_open_owner_due on obligation (owner_participant_id, due_date) where status = 'OPEN';
create index obligation_open_authority_due on obligation (authority, due_date) where status = 'OPEN';
create index obligation_case on obligation (case_id);
create index obligation_closed_on on obligation (closed_on) where status = 'COMPLETED';

-- (source, id) of every event applied: a redelivery or a replay from offset 0 finds its key here.
create table processed_event (
    source      text        not null,
    event_id    text        not null,
    case_id     text        not null,
    type        text        not null,
    received_at timestamptz not null default now(),
    primary key (source, event_id)
);
