package cin.reminders.domain.engine;

import static cin.reminders.domain.Events.d;
import static cin.reminders.domain.model.ObligationKind.MEETING_RECORD_DISTRIBUTION;
import static cin.reminders.domain.model.ObligationKind.PLAN_DISTRIBUTION;
import static cin.reminders.domain.model.ObligationKind.REVIEW_RECORD_DISTRIBUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.CaseReplay;
import cin.reminders.domain.Events;
import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.model.CloseReason;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.notice.DistributionGroup;
import cin.reminders.domain.notice.NoticePlan;
import cin.reminders.domain.notice.NoticePlanner;
import cin.reminders.domain.policy.Policy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * POLICIES.md, "Except record distributions": a meeting's record duty belongs to that meeting. A later meeting's
 * never replaces one still open, and a published record fulfils exactly one: its meeting's ({@code meetingDate}), or
 * without it the oldest open duty of its kind of record. A plan distribution is still replaced by the next.
 */
class RecordDutiesTest {

    final Events e = new Events("durham", "DU-R");

    /** Durham: the planning meeting on 2 March (U3, 10 working days), care team meetings on 12 March and 7 May (U6). */
    CaseReplay durhamWithThreeMeetings() {
        return new CaseReplay(TestPolicies.get("durham"), "DU-R")
                .apply(e.participant("mum", "PARENT"))
                .apply(e.participant("lp", "LEAD_PROFESSIONAL"))
                .apply(e.event("cin.case.opened", "2026-03-02", "planType", "CHILD_IN_NEED"))
                .apply(e.event("cin.planning-meeting.held", "2026-03-02"))
                .apply(e.event("cin.care-team.meeting-held", "2026-03-12"))
                .apply(e.event("cin.care-team.meeting-held", "2026-05-07"));
    }

    @Test
    void aLaterMeetingsRecordDutyNeverReplacesAnOpenEarlierOne() {
        CaseReplay r = durhamWithThreeMeetings();
        List<Obligation> open = r.open(MEETING_RECORD_DISTRIBUTION).stream().sorted(RecordDuties.OLDEST_FIRST).toList();
        assertEquals(3, open.size(), "one per meeting: " + open);
        assertTrue(r.of(MEETING_RECORD_DISTRIBUTION).stream().allMatch(Obligation::isOpen), "none superseded");
        assertEquals(List.of(d("2026-03-02"), d("2026-03-12"), d("2026-05-07")),
                open.stream().map(Obligation::meetingDate).toList());
        assertEquals(List.of(RecordKind.PLANNING_MEETING, RecordKind.CARE_TEAM_MEETING, RecordKind.CARE_TEAM_MEETING),
                open.stream().map(Obligation::record).toList());
        Obligation planning = open.get(0);
        assertEquals("U3", planning.ruleId());
        assertEquals(d("2026-03-16"), planning.dueDate());
        assertEquals(ObligationStatus.OVERDUE, planning.status().asSeenOn(planning.dueDate(), d("2026-05-08")),
                "the planning meeting's record is still overdue after the care team meetings");
        assertNull(open.get(1).dueDate(), "U6: no deadline");
    }

    @Test
    void aReviewRecordDutyIsPerReviewToo() {
        Events p = new Events("portsmouth", "PO-R");
        CaseReplay r = new CaseReplay(TestPolicies.get("portsmouth"), "PO-R")
                .apply(p.event("cin.case.opened", "2026-01-05", "planType", "CHILD_IN_NEED"))
                .apply(p.event("cin.planning-meeting.held", "2026-01-12"))
                .apply(p.event("cin.review.held", "2026-03-02", "outcome", "CONTINUE"))
                .apply(p.event("cin.review.held", "2026-04-20", "outcome", "CONTINUE"));
        assertEquals(2, r.open(REVIEW_RECORD_DISTRIBUTION).size());
        assertTrue(r.open(REVIEW_RECORD_DISTRIBUTION).stream().allMatch(o -> o.record() == RecordKind.REVIEW));
    }

    @Test
    void aPlanDistributionIsStillReplacedByTheNextPlansDuty() {
        CaseReplay r = new CaseReplay(TestPolicies.get("durham"), "DU-R")
                .apply(e.event("cin.planning-meeting.held", "2026-03-02"))
                .apply(e.event("cin.planning-meeting.held", "2026-03-09"));
        assertEquals(d("2026-03-12"), r.onlyOpen(PLAN_DISTRIBUTION).dueDate());
        Obligation first = r.of(PLAN_DISTRIBUTION).get(0);
        assertEquals(CloseReason.SUPERSEDED, first.closeReason());
        assertNull(first.record());
        assertNull(first.meetingDate());
        assertEquals(2, r.open(MEETING_RECORD_DISTRIBUTION).size(), "while both meetings' records are still owed");
    }

    @Test
    void aRecordWithItsMeetingDateFulfilsThatMeetingsDuty() {
        List<Obligation> open = durhamWithThreeMeetings().state().open();
        assertEquals(d("2026-03-12"), fulfilled(open, RecordKind.CARE_TEAM_MEETING, "2026-03-12").meetingDate());
        assertEquals(d("2026-05-07"), fulfilled(open, RecordKind.CARE_TEAM_MEETING, "2026-05-07").meetingDate());
        assertEquals(d("2026-03-02"), fulfilled(open, RecordKind.PLANNING_MEETING, "2026-03-02").meetingDate());
    }

    @Test
    void withoutAMeetingDateTheOldestOpenDutyOfItsKindOfRecord() {
        List<Obligation> open = durhamWithThreeMeetings().state().open();
        assertEquals(d("2026-03-02"), fulfilled(open, RecordKind.PLANNING_MEETING, null).meetingDate());
        // A care team meeting's record never fulfils the planning meeting's duty, though that one is older.
        assertEquals(d("2026-03-12"), fulfilled(open, RecordKind.CARE_TEAM_MEETING, null).meetingDate());
    }

    @Test
    void aRecordNamingAMeetingWithNoOpenDutyFulfilsNone() {
        List<Obligation> open = durhamWithThreeMeetings().state().open();
        assertEquals(Optional.empty(), RecordDuties.fulfilledBy(open, RecordKind.CARE_TEAM_MEETING, Optional.of(d("2026-04-01"))));
        assertEquals(Optional.empty(), RecordDuties.fulfilledBy(open, RecordKind.PLANNING_MEETING, Optional.of(d("2026-03-12"))),
                "the 12 March meeting was a care team meeting");
        assertEquals(Optional.empty(), RecordDuties.fulfilledBy(open, RecordKind.REVIEW, Optional.empty()));
    }

    @Test
    void aDutyOfUnknownRecordKindStoredBeforeIsFulfilledByEitherMeetingsRecord() {
        Obligation stored = durhamWithThreeMeetings().state().open().stream()
                .filter(o -> o.kind() == MEETING_RECORD_DISTRIBUTION).min(RecordDuties.OLDEST_FIRST).orElseThrow();
        Obligation legacy = new Obligation(stored.id(), stored.caseRef(), stored.kind(), stored.ruleId(), stored.dueDate(),
                stored.status(), stored.ownerRole(), stored.ownerParticipantId(), stored.triggeredBy(), stored.triggeredOn(),
                null, false, null, null, null, null, null, null, null);
        assertEquals(Optional.of(legacy), RecordDuties.fulfilledBy(List.of(legacy), RecordKind.CARE_TEAM_MEETING, Optional.empty()));
    }

    @Test
    void theCopiesOfARecordCompleteOnlyItsMeetingsDuty() {
        Policy policy = TestPolicies.get("durham");
        CaseReplay r = durhamWithThreeMeetings();
        Obligation second = fulfilled(r.state().open(), RecordKind.CARE_TEAM_MEETING, "2026-03-12");

        DistributionGroup group = plannedGroup(policy, r, e.event("cin.record.published", "2026-05-08",
                "record", "CARE_TEAM_MEETING", "documentUrl", "https://cms.example/r/2", "meetingDate", "2026-03-12"));
        assertEquals(List.of(second.id()), group.obligationIds());

        DistributionGroup oldest = plannedGroup(policy, r, e.event("cin.record.published", "2026-05-08",
                "record", "PLANNING_MEETING", "documentUrl", "https://cms.example/r/1"));
        assertEquals(List.of(fulfilled(r.state().open(), RecordKind.PLANNING_MEETING, null).id()), oldest.obligationIds());

        DistributionGroup none = plannedGroup(policy, r, e.event("cin.record.published", "2026-05-08",
                "record", "CARE_TEAM_MEETING", "documentUrl", "https://cms.example/r/9", "meetingDate", "2026-04-01"));
        assertEquals(List.<UUID>of(), none.obligationIds(), "copies go out, but no other meeting's duty is completed");
    }

    @Test
    void aPlanPublicationStillFulfilsThePlanDistribution() {
        Policy policy = TestPolicies.get("durham");
        CaseReplay r = durhamWithThreeMeetings();
        DistributionGroup group = plannedGroup(policy, r, e.event("cin.plan.published", "2026-03-04",
                "version", 1, "documentUrl", "https://cms.example/p/1"));
        assertEquals(List.of(r.onlyOpen(PLAN_DISTRIBUTION).id()), group.obligationIds());
    }

    @Test
    void aTaskCompletedForARecordKindClosesTheOldestDutyOnly() {
        CaseReplay r = durhamWithThreeMeetings()
                .apply(e.event("cin.task.completed", "2026-05-08", "kind", "MEETING_RECORD_DISTRIBUTION"));
        List<Obligation> completed = r.of(MEETING_RECORD_DISTRIBUTION).stream()
                .filter(o -> o.status() == ObligationStatus.COMPLETED).toList();
        assertEquals(1, completed.size());
        assertEquals(d("2026-03-02"), completed.get(0).meetingDate());
        assertEquals(2, r.open(MEETING_RECORD_DISTRIBUTION).size());
    }

    private static Obligation fulfilled(List<Obligation> open, RecordKind record, String meetingDate) {
        return RecordDuties.fulfilledBy(open, record, Optional.ofNullable(meetingDate).map(LocalDate::parse)).orElseThrow();
    }

    private static DistributionGroup plannedGroup(Policy policy, CaseReplay r, CaseEvent event) {
        Decision decision = new PolicyEngine().apply(policy, r.state(), event);
        NoticePlan plan = new NoticePlanner().plan(policy, event, r.state(), decision, Instant.parse("2026-05-08T10:00:00Z"));
        assertEquals(1, plan.groups().size(), "one distribution: " + plan.groups());
        return plan.groups().get(0);
    }
}
