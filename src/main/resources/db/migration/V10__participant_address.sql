-- A participant's postal address, for letters (CONTRACT-2 §5): 1 to 5 lines and a UK postcode in the SW1A 1AA form,
-- both checked before they are written (PostalAddress). Null when none is on record; both or neither.
--
-- Personal data, kept like the rest of the participant's: in this row and nowhere else (never in a notice's data,
-- never returned by the API, never logged), and gone with the row when the participant is removed. The table's
-- row-level security (V9) and the service role's grants on it cover the new columns as they are.
alter table participant
    add column address_lines    text[],
    add column address_postcode text,
    add constraint participant_address_whole check ((address_lines is null) = (address_postcode is null));
