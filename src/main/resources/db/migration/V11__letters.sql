-- Letters (CONTRACT-2 §5): the proof-of-service ladder links each step to the notice it follows, and Notify's daily
-- letter limit is counted once for every replica.

-- The notice this one follows on the ladder (the same notice by another channel, after that one failed). No foreign
-- key: a notice is never deleted once sent, and the link is read only for the audit record.
alter table notice add column follows uuid;

-- Letters handed to Notify per UTC day (Notify's daily limits reset at midnight UTC), taken one at a time before each
-- letter goes. Deployment-wide, not a council's data: one Notify key serves every council of the deployment, so the
-- table has no council column and no row-level security.
create table letter_allowance (
    day date primary key,
    used integer not null check (used >= 0)
);
grant select, insert, update, delete on letter_allowance to "${service_role}";
