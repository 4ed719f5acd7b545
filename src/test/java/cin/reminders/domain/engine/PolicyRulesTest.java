package cin.reminders.domain.engine;

import static cin.reminders.domain.Events.d;
import static cin.reminders.domain.model.ObligationKind.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.CaseReplay;
import cin.reminders.domain.Events;
import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.model.CloseReason;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Role;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Rule rows the public scenarios do not touch, each worked out by hand from POLICIES.md.
 * Dates: Good Friday 2026-04-03, Easter Monday 2026-04-06, late summer holiday 2026-08-31.
 */
class PolicyRulesTest {

    static CaseReplay replay(String authority, String caseId) {
        return new CaseReplay(TestPolicies.get(authority), caseId);
    }

    @Nested
    class Derbyshire {
        final Events e = new Events("derbyshire", "DY-T");

        @Test
        void longTermSupportReviewsYearlyWithNoFormalReview() {
            CaseReplay r = replay("derbyshire", "DY-T")
                    .apply(e.event("cin.case.opened", "2026-01-05", "planType", "CHILD_IN_NEED", "longTermSupport", true))
                    .apply(e.event("cin.planning-meeting.held", "2026-01-12"));
            assertEquals(d("2027-01-12"), r.onlyOpen(PLAN_REVIEW).dueDate());
            assertEquals("D3", r.onlyOpen(PLAN_REVIEW).ruleId());
            assertTrue(r.of(FORMAL_REVIEW).isEmpty());
            r.apply(e.event("cin.review.held", "2026-06-01", "outcome", "CONTINUE"));
            assertEquals(d("2027-06-01"), r.onlyOpen(PLAN_REVIEW).dueDate());
        }

        @Test
        void formalReviewCountsAsAReviewAndStartsTheNextTwelveMonths() {
            CaseReplay r = replay("derbyshire", "DY-T")
                    .apply(e.event("cin.case.opened", "2026-01-05", "planType", "CHILD_IN_NEED"))
                    .apply(e.event("cin.planning-meeting.held", "2026-01-12"))
                    .apply(e.event("cin.review.held", "2027-01-08", "outcome", "CONTINUE", "formal", true));
            assertEquals(ObligationStatus.COMPLETED, r.of(FORMAL_REVIEW).get(0).status());
            assertEquals(d("2027-02-19"), r.onlyOpen(PLAN_REVIEW).dueDate());
            // 2028-01-08 is a Saturday: the deadline moves back to Friday.
            assertEquals(d("2028-01-07"), r.onlyOpen(FORMAL_REVIEW).dueDate());
        }

        @Test
        void anEarlierAgreedDateReplacesTheComputedOne() {
            CaseReplay r = replay("derbyshire", "DY-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-01-12"))
                    .apply(e.event("cin.review.held", "2026-02-20", "outcome", "CONTINUE", "nextReviewDate", "2026-03-20"));
            Obligation review = r.onlyOpen(PLAN_REVIEW);
            assertEquals(d("2026-03-20"), review.dueDate());
            assertFalse(review.breach());
        }

        @Test
        void aLaterAgreedDateIsCappedAndRecordedAsABreach() {
            CaseReplay r = replay("derbyshire", "DY-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-01-12"))
                    .apply(e.event("cin.review.held", "2026-02-20", "outcome", "CONTINUE", "nextReviewDate", "2026-05-01"));
            Obligation review = r.onlyOpen(PLAN_REVIEW);
            assertEquals(d("2026-04-02"), review.dueDate());
            assertTrue(review.breach());
            assertEquals(d("2026-05-01"), review.agreedDate());
        }

        @Test
        void aLaterPlanningMeetingRestartsTheCycleOnlyWhenNoReviewIsOpen() {
            CaseReplay r = replay("derbyshire", "DY-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-01-12"))
                    .apply(e.event("cin.planning-meeting.held", "2026-01-26"));
            assertEquals(d("2026-02-23"), r.onlyOpen(PLAN_REVIEW).dueDate());
            r.apply(e.event("cin.task.completed", "2026-01-27", "kind", "PLAN_REVIEW"))
                    .apply(e.event("cin.planning-meeting.held", "2026-02-02"));
            assertEquals(d("2026-03-16"), r.onlyOpen(PLAN_REVIEW).dueDate());
            assertEquals(1, r.of(FORMAL_REVIEW).size(), "formal review only from the first planning meeting");
        }
    }

    @Nested
    class Hillingdon {
        final Events e = new Events("hillingdon", "HL-T");

        @Test
        void significantChangeBringsTheReviewForward() {
            CaseReplay r = replay("hillingdon", "HL-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-05-29"))
                    .apply(e.event("cin.circumstances.changed", "2026-06-10", "significant", false))
                    .apply(e.event("cin.circumstances.changed", "2026-06-10", "significant", true));
            assertEquals(d("2026-06-24"), r.onlyOpen(PLAN_REVIEW).dueDate());
            assertEquals(CloseReason.SUPERSEDED, r.of(PLAN_REVIEW).get(0).closeReason());
        }

        @Test
        void significantChangeKeepsASoonerDueDate() {
            CaseReplay r = replay("hillingdon", "HL-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-05-29"))
                    .apply(e.event("cin.circumstances.changed", "2026-08-20", "significant", true));
            assertEquals(d("2026-08-28"), r.onlyOpen(PLAN_REVIEW).dueDate());
            assertEquals(1, r.of(PLAN_REVIEW).size());
        }

        @Test
        void disabledChildrenAreReviewedSixMonthlyWithoutFormalReview() {
            CaseReplay r = replay("hillingdon", "HL-T")
                    .apply(e.event("cin.case.opened", "2026-05-20", "planType", "CHILD_IN_NEED", "longTermSupport", true))
                    .apply(e.event("cin.planning-meeting.held", "2026-05-29"));
            assertEquals(d("2026-11-27"), r.onlyOpen(PLAN_REVIEW).dueDate()); // 29 Nov is a Sunday
            assertTrue(r.of(FORMAL_REVIEW).isEmpty());
        }
    }

    @Nested
    class Durham {
        final Events e = new Events("durham", "DU-T");

        @Test
        void careTeamMeetsEverySixWeeksUnderChildProtection() {
            CaseReplay r = replay("durham", "DU-T")
                    .apply(e.event("cin.case.opened", "2026-03-02", "planType", "CHILD_PROTECTION"))
                    .apply(e.event("cin.planning-meeting.held", "2026-03-02"));
            assertEquals(d("2026-03-16"), r.onlyOpen(CARE_TEAM_MEETING).dueDate());
            r.apply(e.event("cin.care-team.meeting-held", "2026-03-12"));
            assertEquals(ObligationStatus.COMPLETED, r.of(CARE_TEAM_MEETING).get(0).status());
            assertEquals(d("2026-04-23"), r.onlyOpen(CARE_TEAM_MEETING).dueDate());
            // The care team meeting's record duty sits beside the planning meeting's (U3), never replacing it.
            assertEquals(2, r.open(MEETING_RECORD_DISTRIBUTION).size());
            assertNull(r.open(MEETING_RECORD_DISTRIBUTION).stream().filter(o -> o.ruleId().equals("U6"))
                    .findFirst().orElseThrow().dueDate(), "U6: the seed gives no deadline");
        }

        @Test
        void careTeamMeetsEveryEightWeeksOtherwiseWithAgreedDatesCapped() {
            CaseReplay r = replay("durham", "DU-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-03-02"))
                    .apply(e.event("cin.care-team.meeting-held", "2026-03-12"));
            assertEquals(d("2026-05-07"), r.onlyOpen(CARE_TEAM_MEETING).dueDate());
            r.apply(e.event("cin.care-team.meeting-held", "2026-05-06",
                    "nextMeeting", Map.of("date", "2026-06-10", "time", "10:00", "venue", "Family centre")));
            assertEquals(d("2026-06-10"), r.onlyOpen(CARE_TEAM_MEETING).dueDate());
            r.apply(e.event("cin.care-team.meeting-held", "2026-06-10", "nextMeeting", Map.of("date", "2026-09-01")));
            Obligation capped = r.onlyOpen(CARE_TEAM_MEETING);
            assertEquals(d("2026-08-05"), capped.dueDate());
            assertTrue(capped.breach());
        }

        @Test
        void reviewsFollowOnlyTheDatesSetAtMeetings() {
            CaseReplay r = replay("durham", "DU-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-03-02", "firstReviewDate", "2026-06-01"));
            assertEquals(d("2026-06-01"), r.onlyOpen(PLAN_REVIEW).dueDate());
            r.apply(e.event("cin.review.held", "2026-05-28", "outcome", "CONTINUE", "nextReviewDate", "2026-08-29"));
            assertEquals(d("2026-08-28"), r.onlyOpen(PLAN_REVIEW).dueDate(), "a Saturday moves back to Friday");
            r.apply(e.event("cin.review.held", "2026-08-27", "outcome", "CONTINUE"));
            assertTrue(r.open(PLAN_REVIEW).isEmpty(), "no date set, no interval of Durham's own");
        }
    }

    @Nested
    class Walsall {
        final Events e = new Events("walsall", "WA-T");

        @Test
        void childProtectionCancelsTheCinReviewAndStopsNewOnes() {
            CaseReplay r = replay("walsall", "WA-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-01-30"))
                    .apply(e.event("cin.plan.type-changed", "2026-02-10", "planType", "CHILD_PROTECTION"));
            assertEquals(ObligationStatus.CANCELLED, r.of(PLAN_REVIEW).get(0).status());
            r.apply(e.event("cin.review.held", "2026-03-10", "outcome", "CONTINUE"));
            assertTrue(r.open(PLAN_REVIEW).isEmpty());
            r.apply(e.event("cin.plan.type-changed", "2026-04-01", "planType", "CHILD_IN_NEED"))
                    .apply(e.event("cin.planning-meeting.held", "2026-04-08"));
            assertEquals(d("2026-10-08"), r.onlyOpen(PLAN_REVIEW).dueDate());
        }

        @Test
        void aLaterWorkingAgreementReplacesTheLegalAdviceDeadline() {
            CaseReplay r = replay("walsall", "WA-T")
                    .apply(e.event("cin.working-agreement.signed", "2026-03-31", "agreementNumber", 1))
                    .apply(e.event("cin.working-agreement.signed", "2026-04-07", "agreementNumber", 2));
            assertEquals(d("2026-04-14"), r.onlyOpen(LEGAL_ADVICE).dueDate());
        }
    }

    @Nested
    class Portsmouth {
        final Events e = new Events("portsmouth", "PO-T");

        @Test
        void stepDownFromChildProtection() {
            CaseReplay r = replay("portsmouth", "PO-T")
                    .apply(e.event("cin.case.opened", "2026-05-01", "planType", "CHILD_PROTECTION"))
                    .apply(e.event("cin.child-protection-plan.ended", "2026-06-01"));
            assertEquals(d("2026-06-08"), r.onlyOpen(OUTLINE_PLAN_DISTRIBUTION).dueDate());
            assertEquals(d("2026-06-22"), r.onlyOpen(PLANNING_MEETING).dueDate());
            Obligation transfer = r.onlyOpen(TEAM_TRANSFER);
            assertEquals(d("2026-09-01"), transfer.dueDate());
            assertEquals(Role.TEAM_MANAGER, transfer.ownerRole());
        }

        @Test
        void courtOrdersAndReturnsHome() {
            assertEquals(d("2026-06-22"), replay("portsmouth", "PO-A")
                    .apply(e.event("cin.care-order.discharged", "2026-06-01")).onlyOpen(PLANNING_MEETING).dueDate());
            assertEquals(d("2026-06-11"), replay("portsmouth", "PO-B")
                    .apply(e.event("cin.child.returned-home", "2026-06-01", "planned", true)).onlyOpen(PLANNING_MEETING).dueDate());
            assertEquals(d("2026-06-08"), replay("portsmouth", "PO-C")
                    .apply(e.event("cin.child.returned-home", "2026-06-01", "planned", false)).onlyOpen(PLANNING_MEETING).dueDate());
            assertEquals(d("2026-06-15"), replay("portsmouth", "PO-D")
                    .apply(e.event("cin.supervision-order.made", "2026-06-01")).onlyOpen(PLANNING_MEETING).dueDate());
        }

        @Test
        void closureCancelsEverythingOpenAndOpensTheClosureNotice() {
            CaseReplay r = replay("portsmouth", "PO-T")
                    .apply(e.event("cin.case.opened", "2026-01-05", "planType", "CHILD_IN_NEED"))
                    .apply(e.event("cin.assessment.completed", "2026-01-20"))
                    .apply(e.event("cin.case.closed", "2026-06-01", "reason", "needs met"));
            assertTrue(r.obligations().stream().filter(o -> o.kind() != CLOSURE_NOTIFICATION)
                    .allMatch(o -> o.status() == ObligationStatus.CANCELLED && o.closeReason() == CloseReason.CASE_CLOSED));
            assertEquals(d("2026-06-15"), r.onlyOpen(CLOSURE_NOTIFICATION).dueDate());
            r.apply(e.event("cin.visit.completed", "2026-06-02"));
            assertTrue(r.open(HOME_VISIT).isEmpty(), "a closed case gathers no new obligations");
        }

        @Test
        void aVisitAloneBeforeTheReviewCycleStartsSatisfiesTheFirstOne() {
            CaseReplay r = replay("portsmouth", "PO-T")
                    .apply(e.event("cin.case.opened", "2026-01-05", "planType", "CHILD_IN_NEED"))
                    .apply(e.event("cin.visit.completed", "2026-01-10", "childSeenAlone", true))
                    .apply(e.event("cin.assessment.completed", "2026-01-20"));
            assertEquals(d("2026-04-20"), r.onlyOpen(PLAN_REVIEW).dueDate());
            assertEquals(ObligationStatus.COMPLETED, r.of(SEE_CHILD_ALONE).get(0).status());
            assertEquals(d("2026-02-06"), r.onlyOpen(HOME_VISIT).goodPracticeOn()); // 4 weeks after Sat 10 Jan is a Saturday too
            r.apply(e.event("cin.circumstances.changed", "2026-02-10", "significant", true));
            assertEquals(d("2026-02-24"), r.onlyOpen(PLAN_REVIEW).dueDate());
            assertEquals(1, r.of(SEE_CHILD_ALONE).size(), "already satisfied in this cycle");
        }

        @Test
        void significantChangeMovesTheSeeChildAloneDeadlineWithTheReview() {
            CaseReplay r = replay("portsmouth", "PO-T")
                    .apply(e.event("cin.assessment.completed", "2026-01-20"))
                    .apply(e.event("cin.circumstances.changed", "2026-02-10", "significant", true));
            assertEquals(d("2026-02-24"), r.onlyOpen(PLAN_REVIEW).dueDate());
            assertEquals(d("2026-02-24"), r.onlyOpen(SEE_CHILD_ALONE).dueDate());
        }
    }

    @Nested
    class Owners {
        final Events e = new Events("derbyshire", "OW-T");

        @Test
        void obligationsFollowTheCurrentLeadProfessionalAndTeamManager() {
            CaseReplay r = replay("derbyshire", "OW-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-01-12"));
            assertNull(r.onlyOpen(PLAN_REVIEW).ownerParticipantId());
            r.apply(e.participant("lp1", "LEAD_PROFESSIONAL")).apply(e.participant("tm1", "TEAM_MANAGER"));
            assertEquals("lp1", r.onlyOpen(PLAN_REVIEW).ownerParticipantId());
            assertEquals("tm1", r.onlyOpen(FORMAL_REVIEW).ownerParticipantId());
            r.apply(e.participant("lp2", "LEAD_PROFESSIONAL"));
            assertEquals("lp2", r.onlyOpen(PLAN_REVIEW).ownerParticipantId());
            r.apply(e.event("cin.participant.removed", null, "participantId", "lp2"));
            assertEquals("lp1", r.onlyOpen(PLAN_REVIEW).ownerParticipantId());
        }

        @Test
        void aCaseOpenedAgainStartsANewEpisode() {
            CaseReplay r = replay("derbyshire", "OW-T")
                    .apply(e.event("cin.planning-meeting.held", "2026-01-12"))
                    .apply(e.event("cin.case.closed", "2026-03-01"))
                    .apply(e.event("cin.case.opened", "2026-09-01", "planType", "CHILD_IN_NEED"))
                    .apply(e.event("cin.planning-meeting.held", "2026-09-07"));
            assertEquals(d("2027-09-07"), r.onlyOpen(FORMAL_REVIEW).dueDate());
            assertEquals(d("2026-10-19"), r.onlyOpen(PLAN_REVIEW).dueDate());
        }
    }
}
