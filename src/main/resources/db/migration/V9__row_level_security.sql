-- A second wall between councils, in PostgreSQL itself (CONTRACT-2 §6): every table that holds a council's data
-- shows and accepts only the rows of the councils the transaction acts for, whatever a statement's WHERE says.
--
-- * The councils are the setting cin.authorities: a comma-separated list of policy ids, or '*' for every council.
--   The service sets it per transaction (set_config(..., true)) for a person's reads and for each ingest batch; its
--   background work (dispatch, reminder firing, receipts, gauges) uses connections that start with '*'. Unset or
--   empty, it is no council: a connection that says nothing sees nothing and can write nothing.
-- * The service connects as its own role (${service_role}), which is neither the tables' owner nor a superuser nor
--   allowed to bypass row-level security; this migration, like every one, runs as the owner, which the policies do
--   not restrict (the tables are not FORCEd), so that migrations can move any council's rows.
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
    if service = current_user then
        raise exception 'The service connects as "%", the owner of the tables, which row-level security does not restrict. Give the service a role of its own and run migrations as the owner (QUARKUS_FLYWAY_USERNAME): see docs/OPERATIONS.md, "Database roles".', service;
    end if;
    if r.rolsuper or r.rolbypassrls then
        raise exception 'The service''s database role "%" is a superuser or may bypass row-level security: it must be neither (docs/OPERATIONS.md, "Database roles").', service;
    end if;
end
$$;

-- Whether the transaction acts for this council. STABLE: read once per statement where the planner can.
create function cin_acting_for(council text) returns boolean
    language sql stable parallel safe
as $$
    select coalesce(current_setting('cin.authorities', true), '') = '*'
        or council = any (string_to_array(nullif(current_setting('cin.authorities', true), ''), ','))
$$;

alter table case_record enable row level security;
create policy acting_councils on case_record using (cin_acting_for(authority)) with check (cin_acting_for(authority));

alter table participant enable row level security;
create policy acting_councils on participant using (cin_acting_for(authority)) with check (cin_acting_for(authority));

alter table obligation enable row level security;
create policy acting_councils on obligation using (cin_acting_for(authority)) with check (cin_acting_for(authority));

alter table reminder_rung enable row level security;
create policy acting_councils on reminder_rung using (cin_acting_for(authority)) with check (cin_acting_for(authority));

alter table notice enable row level security;
create policy acting_councils on notice using (cin_acting_for(authority)) with check (cin_acting_for(authority));

alter table dispatch_group enable row level security;
create policy acting_councils on dispatch_group using (cin_acting_for(authority)) with check (cin_acting_for(authority));

alter table receipt_outbox enable row level security;
create policy acting_councils on receipt_outbox using (cin_acting_for(authority)) with check (cin_acting_for(authority));

-- An applied event's (source, id) is global (deduplication across councils), its row its council's.
alter table processed_event enable row level security;
create policy acting_councils on processed_event using (cin_acting_for(authority)) with check (cin_acting_for(authority));

alter table access_log enable row level security;
create policy acting_councils on access_log using (cin_acting_for(authority)) with check (cin_acting_for(authority));

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
