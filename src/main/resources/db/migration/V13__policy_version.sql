-- Policy versions (CONTRACT-2 §9): every obligation records the version of its council's policy that opened it,
-- the version in force on the data.date of the event that opened it.
--
-- Until now no policy file named a version, and a file that names none is version '1' (the loader's default): so
-- every obligation already stored was opened by that version, and takes '1'. The column stays nullable: a null
-- means "not recorded" and is shown as such; the service never writes one.
alter table obligation add column policy_version text;
update obligation set policy_version = '1';
