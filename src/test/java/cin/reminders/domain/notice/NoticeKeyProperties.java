package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.domain.event.EventKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** For any event, participant, obligation and step, each factory builds the text it replaced, and the JDK's id of it. */
class NoticeKeyProperties {

    @Property(tries = 500)
    void eventKeysAreTheOldConcatenations(@ForAll String source, @ForAll String id, @ForAll String participant) {
        EventKey event = new EventKey(source, id);
        assertEquals("plan-copy|" + event + "|" + participant,
                NoticeKey.copy(DistributionKey.of(NoticeTemplate.PLAN_COPY, event), participant).value());
        assertEquals("record-copy|" + event, DistributionKey.of(NoticeTemplate.RECORD_COPY, event).value());
        assertEquals("meeting-invitation|" + event + "|" + participant, NoticeKey.meetingInvitation(event, participant).value());
        assertEquals("meeting-reminder|" + event + "|" + participant, NoticeKey.meetingReminder(event, participant).value());
        assertEquals("meeting-reminder|" + event, NoticeKey.meetingReminderPrefix(event));
        assertEquals("school-hours-warning|" + event + "|" + participant, NoticeKey.schoolHoursWarning(event, participant).value());
    }

    @Property(tries = 500)
    void obligationKeysAreTheOldConcatenations(@ForAll long hi, @ForAll long lo, @ForAll String step, @ForAll String participant) {
        UUID obligation = new UUID(hi, lo);
        ReminderStep rung = new ReminderStep(step, Instant.EPOCH);
        assertEquals("policy-breach|" + obligation + "|" + participant, NoticeKey.policyBreach(obligation, participant).value());
        assertEquals("obligation-reminder|" + obligation + "|" + step + "|" + participant,
                NoticeKey.reminder(NoticeTemplate.OBLIGATION_REMINDER, obligation, rung, participant).value());
        assertEquals("obligation-overdue|" + obligation + "|" + step + "|" + participant,
                NoticeKey.reminder(NoticeTemplate.OBLIGATION_OVERDUE, obligation, rung, participant).value());
    }

    @Property(tries = 500)
    void followUpKeysAreTheOldConcatenationsAndIdsTheJdks(@ForAll String failed, @ForAll String lead) {
        NoticeKey key = NoticeKey.of(failed);
        assertEquals(failed + "|email", key.byEmailInstead().value());
        assertEquals("contact-failed|" + failed + "|" + lead, NoticeKey.contactFailed(key, lead).value());
        assertEquals(UUID.nameUUIDFromBytes(failed.getBytes(StandardCharsets.UTF_8)), key.id());
    }
}
