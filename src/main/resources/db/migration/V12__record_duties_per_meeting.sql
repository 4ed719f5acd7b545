-- Record distributions belong to one meeting's record (POLICIES.md, "Except record distributions"): a later meeting's
-- MEETING_RECORD_DISTRIBUTION or REVIEW_RECORD_DISTRIBUTION never replaces an earlier one still open, so a case may
-- hold several open at once, one per meeting. The meeting is the obligation's triggered_on (the date of the
-- meeting-held event that opened it); a published record fulfils the duty of its own kind of record.

-- 1. The kind of record whose publication fulfils a record duty (PLANNING_MEETING, CARE_TEAM_MEETING, REVIEW); null
-- on every other obligation. Existing duties take it from the event that opened them; one whose event is not found
-- keeps a null, and then a record of either meeting kind may fulfil it (as before).
alter table obligation add column record_kind text
    check (record_kind in ('PLANNING_MEETING', 'CARE_TEAM_MEETING', 'REVIEW'));
update obligation set record_kind = 'REVIEW' where kind = 'REVIEW_RECORD_DISTRIBUTION';
update obligation o
   set record_kind = case e.type when 'cin.planning-meeting.held' then 'PLANNING_MEETING'
                                 when 'cin.care-team.meeting-held' then 'CARE_TEAM_MEETING' end
  from processed_event e
 where o.kind = 'MEETING_RECORD_DISTRIBUTION'
   and e.source = o.triggered_by_source and e.event_id = o.triggered_by_id;

-- 2. "One open obligation per case and kind" no longer holds for the record distributions: they are exempt.
drop index obligation_one_open_per_kind;
create unique index obligation_one_open_per_kind on obligation (authority, case_id, kind)
    where status = 'OPEN' and kind not in ('MEETING_RECORD_DISTRIBUTION', 'REVIEW_RECORD_DISTRIBUTION');
