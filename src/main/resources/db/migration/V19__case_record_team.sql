-- The dashboard's list of one team's obligations (/dashboard/obligations?authority=&team=, issue 14) finds the team's
-- cases first: without this it would test every open obligation of the council against its case's team.
create index case_record_authority_team on case_record (authority, team);
