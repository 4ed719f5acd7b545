-- Policy versions (CONTRACT-2 §9): every obligation records the version of its council's policy that opened it,
-- the version in force on the data.date of the event that opened it.
--
-- Until now no policy file named a version, and a file that names none is version '1' (the loader's default): so
-- every obligation already stored was opened by that version, and takes '1'. The column stays nullable: a null
-- means "not recorded" and is shown as such; the service never writes one.
--
-- A constant default, then dropped: PostgreSQL keeps '1' for the rows already there without rewriting them (a
-- million obligations take no time and no bloat), and new rows have no default, so one the service forgot would show
-- as not recorded rather than as '1'.
alter table obligation add column policy_version text default '1';
alter table obligation alter column policy_version drop default;
