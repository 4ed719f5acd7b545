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

    /**
     * No letter is sent yet: someone who prefers letters is handled as someone with no digital channel, even with an
     * email address on record. Their copy fails at once, by letter, and the lead professional is told (no-contact).
     */
    @Test
    void someoneWhoPrefersLettersFailsAtOnceAndTheLeadProfessionalIsToldUntilLettersAreSent() {
        Events e = new Events("walsall", "PL-5");
        CaseReplay r = new CaseReplay(TestPolicies.get("walsall"), "PL-5")
                .apply(e.participant("lp", "LEAD_PROFESSIONAL"))
                .apply(e.participant("mum", "PARENT", "preferredChannel", "LETTER",
                        "address", Map.of("lines", List.of("1 High Street"), "postcode", "WS1 1TP")));
        NoticePlan plan = plan("walsall", r, e.event("cin.plan.published", "2026-03-02", "version", 1,
                "documentUrl", "https://cms.example/p"), london("2026-03-02T11:00"));
        NoticeIntent copy = find(plan, NoticeTemplate.PLAN_COPY, "mum");
        assertEquals(NoticeStatus.FAILED, copy.status());
        assertEquals(Channel.LETTER, copy.channel());
        NoticeIntent told = find(plan, NoticeTemplate.CONTACT_FAILED, "lp");
        assertEquals(NoticeStatus.SCHEDULED, told.status());
        assertEquals(Channel.EMAIL, told.channel());
        assertEquals(FailureReason.NO_CONTACT, ((NoticeData.ContactFailed) told.data()).failedReason());
    }

    private static NoticeIntent find(NoticePlan plan, NoticeTemplate template, String recipient) {
        return plan.notices().stream().filter(n -> n.template() == template && n.recipientId().equals(recipient))
                .findFirst().orElseThrow(() -> new AssertionError("no " + template + " for " + recipient + " in " + plan.notices()));
    }
}
