package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.event.EventKey;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every kind of notice key, pinned to the exact text (and so the exact id) that the pipe-joined
 * strings built before gave. Both are stored: a change here resends notices after a deploy.
 */
class NoticeKeyTest {

    static final EventKey EVENT = new EventKey("urn:council:cms", "evt-42");
    static final UUID OBLIGATION = UUID.fromString("945fe125-81f1-34b8-95be-95f78c5cb846");

    @Test
    void copiesAndTheirDistribution() {
        DistributionKey plan = DistributionKey.of(NoticeTemplate.PLAN_COPY, EVENT);
        pin("plan-copy|urn:council:cms#evt-42", plan.value());
        pin(NoticeTemplate.PLAN_COPY.id() + "|" + EVENT, plan.value());
        NoticeKey copy = NoticeKey.copy(plan, "mum");
        pin("plan-copy|urn:council:cms#evt-42|mum", "da0a6106-bb56-355e-a153-67cee4758c87", copy);
        pin(NoticeTemplate.PLAN_COPY.id() + "|" + EVENT + "|" + "mum", copy.value());
        pin("record-copy|urn:council:cms#evt-42|school", NoticeKey.copy(DistributionKey.of(NoticeTemplate.RECORD_COPY, EVENT), "school").value());
        pin("closure-notice|urn:council:cms#evt-42|kid", NoticeKey.copy(DistributionKey.of(NoticeTemplate.CLOSURE_NOTICE, EVENT), "kid").value());
    }

    @Test
    void meetingInvitationReminderAndSchoolHoursWarning() {
        NoticeKey invitation = NoticeKey.meetingInvitation(EVENT, "dad");
        pin("meeting-invitation|urn:council:cms#evt-42|dad", "efcf29ce-6b01-31ae-b687-9990de748918", invitation);
        pin("meeting-invitation|" + EVENT + "|" + "dad", invitation.value());

        NoticeKey reminder = NoticeKey.meetingReminder(EVENT, "dad");
        pin("meeting-reminder|urn:council:cms#evt-42|dad", "dabdd975-1b4d-304e-9b39-54d69f5b6a91", reminder);
        pin("meeting-reminder|" + EVENT + "|" + "dad", reminder.value());

        NoticeKey warning = NoticeKey.schoolHoursWarning(EVENT, "lp");
        pin("school-hours-warning|urn:council:cms#evt-42|lp", "7eccde74-f503-3477-b082-f72c437610af", warning);
        pin("school-hours-warning|" + EVENT + "|" + "lp", warning.value());
    }

    @Test
    void theMeetingReminderPrefixIsWhatTheWithdrawalMatchedBefore() {
        String prefix = NoticeKey.meetingReminderPrefix(EVENT);
        assertEquals("meeting-reminder|urn:council:cms#evt-42", prefix);
        assertEquals("meeting-reminder|" + EVENT, prefix); // as EventNotices built it
        assertTrue(NoticeKey.meetingReminder(EVENT, "dad").value().startsWith(prefix + NoticeKey.SEPARATOR));
        assertFalse(NoticeKey.meetingReminder(new EventKey("urn:council:cms", "evt-7"), "dad").value().startsWith(prefix));
        assertFalse(NoticeKey.meetingInvitation(EVENT, "dad").value().startsWith(prefix));
    }

    @Test
    void policyBreach() {
        NoticeKey breach = NoticeKey.policyBreach(OBLIGATION, "tm");
        pin("policy-breach|945fe125-81f1-34b8-95be-95f78c5cb846|tm", "2ceb1db0-3366-3ce1-b20a-539d47b8d688", breach);
        pin("policy-breach|" + OBLIGATION + "|" + "tm", breach.value());
    }

    @Test
    void reminderRungs() {
        ReminderStep before = new ReminderStep("before-5", Instant.parse("2026-03-02T08:30:00Z"));
        ReminderStep overdue = new ReminderStep("overdue-1", Instant.parse("2026-03-16T08:30:00Z"));
        NoticeKey reminder = NoticeKey.reminder(NoticeTemplate.OBLIGATION_REMINDER, OBLIGATION, before, "lp");
        pin("obligation-reminder|945fe125-81f1-34b8-95be-95f78c5cb846|before-5|lp", "e66fd882-506a-3156-826b-94aa2243b27f", reminder);
        pin(NoticeTemplate.OBLIGATION_REMINDER.id() + "|" + OBLIGATION + "|" + before.key() + "|" + "lp", reminder.value());
        NoticeKey escalation = NoticeKey.reminder(NoticeTemplate.OBLIGATION_OVERDUE, OBLIGATION, overdue, "tm");
        pin("obligation-overdue|945fe125-81f1-34b8-95be-95f78c5cb846|overdue-1|tm", "32758ac4-be5e-33a4-b6ad-a7daafc7a1ca", escalation);
        assertThrows(IllegalArgumentException.class,
                () -> NoticeKey.reminder(NoticeTemplate.PLAN_COPY, OBLIGATION, before, "lp"));
    }

    @Test
    void contactFailedAndTheEmailInsteadOfAText() {
        NoticeKey text = NoticeKey.meetingInvitation(EVENT, "mum");
        NoticeKey email = text.byEmailInstead();
        pin("meeting-invitation|urn:council:cms#evt-42|mum|email", "736bcba6-1547-3968-8a00-7c41b8b17be3", email);
        pin(text.value() + "|email", email.value()); // as FollowUps built it
        NoticeKey told = NoticeKey.contactFailed(email, "lp");
        pin("contact-failed|meeting-invitation|urn:council:cms#evt-42|mum|email|lp", "1d5d401f-60ee-3db3-bc91-00c33fd997ed", told);
        pin("contact-failed|" + email.value() + "|" + "lp", told.value()); // as ContactFailure built it
    }

    @Test
    void aStoredKeyReadsBackAsItself() {
        NoticeKey k = NoticeKey.policyBreach(OBLIGATION, "tm");
        assertEquals(k, NoticeKey.of(k.value()));
        assertEquals(k.value(), k.toString(), "a key concatenated into text reads as stored");
        assertEquals(k.id(), NoticeIntent.idOf(k.value()));
    }

    private static void pin(String expected, String actual) {
        assertEquals(expected, actual);
    }

    private static void pin(String expected, String expectedId, NoticeKey actual) {
        assertEquals(expected, actual.value());
        assertEquals(expectedId, actual.id().toString(), "the id of " + expected);
    }
}
