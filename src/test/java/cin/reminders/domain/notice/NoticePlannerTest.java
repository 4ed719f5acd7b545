package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.CaseReplay;
import cin.reminders.domain.Events;
import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.engine.Decision;
import cin.reminders.domain.engine.PolicyEngine;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.policy.Policy;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notices an event calls for, planned without I/O. */
class NoticePlannerTest {

    final NoticePlanner planner = new NoticePlanner();

    static Instant london(String local) {
        return LocalDateTime.parse(local).atZone(QuietHours.LONDON).toInstant();
    }

    NoticePlan plan(String authority, CaseReplay replay, CaseEvent event, Instant now) {
        Policy policy = TestPolicies.get(authority);
        CaseState before = replay.state();
        Decision decision = new PolicyEngine().apply(policy, before, event);
        replay.apply(event);
        return planner.plan(policy, event, before, decision, now);
    }

    @Test
    void aMeetingInvitationNowAndItsReminderTheDayBeforeAtTenWithTextsOutsideQuietHours() {
        Events e = new Events("portsmouth", "PL-1");
        CaseReplay r = new CaseReplay(TestPolicies.get("portsmouth"), "PL-1")
                .apply(e.participant("mum", "PARENT", "preferredChannel", "SMS", "mobile", "07700900123"))
                .apply(e.participant("school", "AGENCY"));
        NoticePlan plan = plan("portsmouth", r, e.event("cin.meeting.scheduled", "2026-03-02", "meeting", "REVIEW",
                "startsAt", "2026-03-05T09:30", "venue", "Civic Offices", "invitees", List.of("mum", "school")),
                london("2026-03-02T21:15"));
        NoticeIntent smsInvite = find(plan, NoticeTemplate.MEETING_INVITATION, "mum");
        assertEquals(london("2026-03-03T08:00"), smsInvite.scheduledFor(), "a family text at 21:15 waits for 08:00");
        assertEquals(london("2026-03-02T21:15"), find(plan, NoticeTemplate.MEETING_INVITATION, "school").scheduledFor());
        assertEquals(london("2026-03-04T10:00"), find(plan, NoticeTemplate.MEETING_REMINDER, "school").scheduledFor());
        assertEquals(List.of("REVIEW"), plan.withdrawnMeetings());
    }

    @Test
    void noReminderForAMeetingThatWillHaveStartedAndNothingForOneInThePast() {
        Events e = new Events("portsmouth", "PL-2");
        CaseReplay r = new CaseReplay(TestPolicies.get("portsmouth"), "PL-2").apply(e.participant("gran", "CARER"));
        NoticePlan soon = plan("portsmouth", r, e.event("cin.meeting.scheduled", "2026-03-02", "meeting", "PLANNING",
                "startsAt", "2026-03-02T12:00", "venue", "Hub", "invitees", List.of("gran")), london("2026-03-02T11:00"));
        assertEquals(1, soon.notices().stream().filter(n -> n.template() == NoticeTemplate.MEETING_INVITATION).count());
        assertEquals(0, soon.notices().stream().filter(n -> n.template() == NoticeTemplate.MEETING_REMINDER).count());
        NoticePlan past = plan("portsmouth", r, e.event("cin.meeting.scheduled", "2026-03-02", "meeting", "PLANNING",
                "startsAt", "2026-03-01T12:00", "venue", "Hub", "invitees", List.of("gran")), london("2026-03-02T11:00"));
        assertTrue(past.notices().isEmpty());
    }

    @Test
    void copiesFormADistributionThatFulfilsTheOpenDistributionObligation() {
        Events e = new Events("durham", "PL-3");
        CaseReplay r = new CaseReplay(TestPolicies.get("durham"), "PL-3")
                .apply(e.participant("mum", "PARENT"))
                .apply(e.participant("dad", "PARENT", "receivesCopies", false, "withholdReason", "court order"))
                .apply(e.event("cin.planning-meeting.held", "2026-03-02"));
        NoticePlan plan = plan("durham", r, e.event("cin.plan.published", "2026-03-02", "version", 1,
                "documentUrl", "https://cms.example/p"), london("2026-03-02T11:00"));
        assertEquals(1, plan.groups().size());
        assertEquals(r.onlyOpen(ObligationKind.PLAN_DISTRIBUTION).id(), plan.groups().get(0).obligationIds().get(0));
        assertEquals(NoticeStatus.SUPPRESSED, find(plan, NoticeTemplate.PLAN_COPY, "dad").status());
        assertEquals(NoticeStatus.SCHEDULED, find(plan, NoticeTemplate.PLAN_COPY, "mum").status());
    }

    @Test
    void someoneWithNoContactDetailsFailsAtOnceAndTheLeadProfessionalIsTold() {
        Events e = new Events("walsall", "PL-4");
        CaseReplay r = new CaseReplay(TestPolicies.get("walsall"), "PL-4")
                .apply(e.participant("lp", "LEAD_PROFESSIONAL"))
                .apply(e.participant("mum", "PARENT", "email", null));
        NoticePlan plan = plan("walsall", r, e.event("cin.plan.published", "2026-03-02", "version", 1,
                "documentUrl", "https://cms.example/p"), london("2026-03-02T11:00"));
        assertEquals(NoticeStatus.FAILED, find(plan, NoticeTemplate.PLAN_COPY, "mum").status());
        assertEquals("lp", plan.notices().stream().filter(n -> n.template() == NoticeTemplate.CONTACT_FAILED)
                .findFirst().orElseThrow().recipientId());
    }

    /** Someone who prefers letters, with an address, gets their copy by letter (the bundled policies post). */
    @Test
    void someoneWhoPrefersLettersGetsTheirCopyByLetter() {
        Events e = new Events("walsall", "PL-5");
        CaseReplay r = new CaseReplay(TestPolicies.get("walsall"), "PL-5")
                .apply(e.participant("lp", "LEAD_PROFESSIONAL"))
                .apply(e.participant("mum", "PARENT", "preferredChannel", "LETTER", "email", "mum@example.org",
                        "address", Map.of("lines", List.of("1 High Street"), "postcode", "WS1 1TP")));
        NoticePlan plan = plan("walsall", r, e.event("cin.plan.published", "2026-03-02", "version", 1,
                "documentUrl", "https://cms.example/p"), london("2026-03-02T11:00"));
        NoticeIntent copy = find(plan, NoticeTemplate.PLAN_COPY, "mum");
        assertEquals(NoticeStatus.SCHEDULED, copy.status());
        assertEquals(Channel.LETTER, copy.channel());
        assertTrue(plan.notices().stream().noneMatch(n -> n.template() == NoticeTemplate.CONTACT_FAILED));
    }

    /** A parent with only an address and no email or mobile: a letter, not contact-failed. */
    @Test
    void aParentWithOnlyAnAddressGetsALetter() {
        Events e = new Events("walsall", "PL-6");
        CaseReplay r = new CaseReplay(TestPolicies.get("walsall"), "PL-6")
                .apply(e.participant("lp", "LEAD_PROFESSIONAL"))
                .apply(e.participant("dad", "PARENT", "email", null,
                        "address", Map.of("lines", List.of("2 Low Road"), "postcode", "WS1 1TP")));
        NoticePlan plan = plan("walsall", r, e.event("cin.plan.published", "2026-03-02", "version", 1,
                "documentUrl", "https://cms.example/p"), london("2026-03-02T11:00"));
        assertEquals(Channel.LETTER, find(plan, NoticeTemplate.PLAN_COPY, "dad").channel());
        assertEquals(NoticeStatus.SCHEDULED, find(plan, NoticeTemplate.PLAN_COPY, "dad").status());
    }

    /**
     * An invitation 2 working days ahead is not posted: the lead professional is told at once (too-late-for-post), with
     * the meeting's date and time; no day-before reminder is planned for someone nothing else can reach. Four working
     * days ahead, the invitation goes by letter, and no reminder by post follows.
     */
    @Test
    void anInvitationTooNearForPostTellsTheLeadProfessionalWithTheMeetingDate() {
        Events e = new Events("walsall", "PL-7");
        CaseReplay r = new CaseReplay(TestPolicies.get("walsall"), "PL-7")
                .apply(e.participant("lp", "LEAD_PROFESSIONAL"))
                .apply(e.participant("dad", "PARENT", "email", null,
                        "address", Map.of("lines", List.of("2 Low Road"), "postcode", "WS1 1TP")));
        // Monday 2 March 2026 at 11:00; Wednesday is 2 working days ahead.
        NoticePlan near = plan("walsall", r, e.event("cin.meeting.scheduled", "2026-03-02", "meeting", "CARE_TEAM",
                "startsAt", "2026-03-04T10:00:00", "venue", "Civic Centre", "invitees", List.of("dad", "lp")),
                london("2026-03-02T11:00"));
        NoticeIntent invitation = find(near, NoticeTemplate.MEETING_INVITATION, "dad");
        assertEquals(NoticeStatus.FAILED, invitation.status());
        NoticeIntent told = near.notices().stream().filter(n -> n.template() == NoticeTemplate.CONTACT_FAILED
                && ((NoticeData.ContactFailed) n.data()).failedTemplate() == NoticeTemplate.MEETING_INVITATION)
                .findFirst().orElseThrow();
        NoticeData.ContactFailed data = (NoticeData.ContactFailed) told.data();
        assertEquals(FailureReason.TOO_LATE_FOR_POST, data.failedReason());
        assertEquals(java.time.LocalDateTime.parse("2026-03-04T10:00:00"), data.meetingStartsAt());
        assertEquals(1, near.notices().stream().filter(n -> n.template() == NoticeTemplate.CONTACT_FAILED).count());
        assertTrue(near.notices().stream().noneMatch(n -> n.template() == NoticeTemplate.MEETING_REMINDER
                && n.recipientId().equals("dad")));

        NoticePlan far = plan("walsall", r, e.event("cin.meeting.scheduled", "2026-03-02", "meeting", "CARE_TEAM",
                "startsAt", "2026-03-06T10:00:00", "venue", "Civic Centre", "invitees", List.of("dad", "lp")),
                london("2026-03-02T11:00"));
        assertEquals(Channel.LETTER, find(far, NoticeTemplate.MEETING_INVITATION, "dad").channel());
        assertEquals(NoticeStatus.SCHEDULED, find(far, NoticeTemplate.MEETING_INVITATION, "dad").status());
        assertTrue(far.notices().stream().noneMatch(n -> n.template() == NoticeTemplate.CONTACT_FAILED));
        assertTrue(far.notices().stream().noneMatch(n -> n.template() == NoticeTemplate.MEETING_REMINDER
                && n.recipientId().equals("dad")));
    }

    private static NoticeIntent find(NoticePlan plan, NoticeTemplate template, String recipient) {
        return plan.notices().stream().filter(n -> n.template() == template && n.recipientId().equals(recipient))
                .findFirst().orElseThrow(() -> new AssertionError("no " + template + " for " + recipient + " in " + plan.notices()));
    }
}
