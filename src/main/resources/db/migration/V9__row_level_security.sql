-- A second wall between councils, in PostgreSQL itself (CONTRACT-2 §6): every table that holds a council's data
-- shows and accepts only the rows of the councils the transaction acts for, whatever a statement's WHERE says.
--
-- * The councils are the setting cin.authorities: a comma-separated list of policy ids, or '*' for every council.
--   The service sets it per transaction (set_config(..., true)) for a person's reads and for each ingest batch; its
--   background work (dispatch, reminder firing, receipts, gauges) uses connections that start with '*'. Unset or
--   empty, it is no council: a connection that says nothing sees nothing and can write nothing.
-- * The service connects as its own role (${service_role}), which is neither the tables' owner nor a superuser nor
--   allowed to bypass row-level security; this migration, like every one, runs as the owner, which the policies do
--   not restrict (the tables are not FORCEd), so that migrations can move any council's rows. Where one user is
--   both (a developer's database), the wall does not hold and the service says so at every start.
-- * The service role gets only the statements it runs on each table. It cannot ALTER a table (it owns none), so it
--   cannot disable row-level security, and with row_security = off its queries fail rather than read past it.

do $$
declare
    service text := '${service_role}';
    r pg_roles%rowtype;
begin
    select * into r from pg_roles where rolname = service;
    if not found then
        raise exception 'The service''s database role "%" does not exist. Create it, then start again: see docs/OPERATIONS.md, "Database roles".', service;
    end if;
    -- One user for both (a developer's or a test runner's database): everything works, but only the service's own
    -- checks keep councils apart, as before this migration. Said here and, at every start, in the service's log.
    if service = current_user then
        raise warning 'The service connects as "%", the owner of the tables, which row-level security does not restrict: give it a role of its own and run migrations as the owner (docs/OPERATIONS.md, "Database roles").', service;
    elsif r.rolsuper or r.rolbypassrls then
        raise warning 'The service''s database role "%" is a superuser or may bypass row-level security: row-level security does not restrict it (docs/OPERATIONS.md, "Database roles").', service;
    end if;
end
$$;

-- The councils the transaction acts for: every one ('*'), or those listed (none when unset or empty).
create function cin_all_councils() returns boolean
    language sql stable parallel safe
as $$ select coalesce(current_setting('cin.authorities', true), '') = '*' $$;

create function cin_councils() returns text[]
    language sql stable parallel safe
as $$ select coalesce(string_to_array(nullif(current_setting('cin.authorities', true), ''), ','), '{}') $$;

-- Every table that holds a council's data, each with its council in "authority". (An applied event's (source, id)
-- stays global for deduplication; its row is its council's.) A table added later gets the same in its migration.
do $$
declare
    t text;
begin
    foreach t in array array['case_record', 'participant', 'obligation', 'reminder_rung', 'notice', 'dispatch_group',
                             'receipt_outbox', 'processed_event', 'access_log'] loop
        execute format('alter table %I enable row level security', t);
        -- Each function call in a sub-select: an InitPlan, read once per statement, not once per row. The filter
        -- left per row is "$0 or authority = any($1)", and the planner estimates its rows as it would without it.
        execute format('create policy acting_councils on %I'
                       ' using ((select cin_all_councils()) or authority = any ((select cin_councils())::text[]))'
                       ' with check ((select cin_all_councils()) or authority = any ((select cin_councils())::text[]))', t);
    end loop;
end
$$;

-- The state gauges count the notice queue from this partial index alone (V6); row-level security reads authority
-- too, so it joins the index, and the count stays an index-only scan.
drop index notice_live_channel;
create index notice_live_channel on notice (status, channel, authority) where status in ('SCHEDULED', 'SENDING');

-- What the service runs, table by table; nothing else. A later migration that adds a table grants on it there.
grant select, insert, update on case_record to "${service_role}";
grant select, insert, update, delete on participant to "${service_role}";
grant select, insert, update on obligation to "${service_role}";
grant select, insert, update, delete on reminder_rung to "${service_role}";
grant select, insert, update, delete on notice to "${service_role}";
grant select, insert, update on dispatch_group to "${service_role}";
grant select, insert, update, delete on receipt_outbox to "${service_role}"; -- update: the relay's FOR UPDATE SKIP LOCKED
grant usage on sequence receipt_outbox_id_seq to "${service_role}";
grant select, insert on processed_event to "${service_role}";
-- Append-only for the service: it records reads and lists them; only the retention purge deletes (below).
grant select, insert on access_log to "${service_role}";

-- The retention purge: the one way the service deletes from the access log, at most max_rows of the oldest entries
-- read before older_than per call. It runs as the owner (every council's rows) and never deletes an entry younger
-- than a year, whatever retention it is given.
create function cin_purge_access_log(older_than timestamptz, max_rows integer) returns bigint
    language sql volatile security definer set search_path = public
as $$
    with gone as (
        delete from access_log where id in (
            select id from access_log where read_at < least(older_than, now() - interval '1 year')
            order by read_at limit max_rows)
        returning 1)
    select count(*) from gone
$$;
revoke all on function cin_purge_access_log(timestamptz, integer) from public;
grant execute on function cin_purge_access_log(timestamptz, integer) to "${service_role}";
