-- Calendar changes re-date (CONTRACT-2 §9): at start the service computes every open obligation's due date again in
-- the calendar in force, when that calendar differs from the one it was computed in.
--
-- 1. What a due date was computed from (DueBasis): the rule that opened it (its key, unique in its policy version),
--    the rule whose due shape gave the date (itself, or its leader's), the date the interval counted from and the
--    date agreed at the meeting; and the fingerprint of the calendar it was counted in. Null on rows stored before
--    this: re-dating can then only move a due date off a day the office is shut (and records that it looked).
--    beyond_calendar: the due date lies beyond the last year the council's bank-holiday file covers.
--    Constant defaults only: no table rewrite on a million obligations.
alter table obligation
    add column rule_key        text,
    add column due_rule_key    text,
    add column due_from        date,
    add column due_agreed      date,
    add column calendar_fp     text,
    add column beyond_calendar boolean not null default false;

-- Re-dating walks a council's open obligations in (due_date, id) order, a batch at a time: the council's open-by-due
-- index carries the id too, so each batch is a range scan from where the last one stopped, whatever plan is chosen
-- (without it a generic plan read and sorted every remaining row per batch: 0.4 s a batch at 200k, bench/redating.sh).
-- Every other reader of the index reads (authority, due_date) as before.
drop index obligation_open_authority_due;
create index obligation_open_authority_due on obligation (authority, due_date, id) where status = 'OPEN';

-- The state gauges count the flagged open obligations per council: a handful of rows, read from this index alone.
create index obligation_open_beyond_calendar on obligation (authority) where status = 'OPEN' and beyond_calendar;

-- 2. An obligation's history: each change of its due date, and why (here: the calendar changed). One row per
--    obligation and cause, so that re-dating twice, or by two replicas at once, records a move once.
create table obligation_history (
    obligation_id uuid        not null references obligation (id),
    authority     text        not null,
    change        text        not null check (change in ('due-date-changed')),
    cause         text        not null, -- 'calendar <fingerprint>'
    at            timestamptz not null,
    old_due       date,
    new_due       date,
    primary key (obligation_id, change, cause)
);

-- 3. The calendar each council's open obligations were last re-dated to: a start whose calendar is the same reads
--    one row and is done; one whose calendar changed re-dates, then writes the row.
create table calendar_state (
    authority   text primary key,
    fingerprint text        not null,
    redated_at  timestamptz not null
);

do $$
declare
    t text;
begin
    foreach t in array array['obligation_history', 'calendar_state'] loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy acting_councils on %I'
                       ' using ((select cin_all_councils()) or authority = any ((select cin_councils())::text[]))'
                       ' with check ((select cin_all_councils()) or authority = any ((select cin_councils())::text[]))', t);
    end loop;
end
$$;

grant select, insert on obligation_history to "${service_role}";
grant select, insert, update on calendar_state to "${service_role}";
