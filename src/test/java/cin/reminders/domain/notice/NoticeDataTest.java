package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stored form of each kind of notice data: the exact keys and strings the planner wrote as a map
 * before the data was typed (see also {@link PlannedNoticesPinnedTest}), and how stored data that an
 * earlier version wrote, or that nobody should have, reads back.
 */
class NoticeDataTest {

    @Test
    void aPlanCopyStoresItsVersionAndWhetherItIsAmendedEvenWhenNot() {
        NoticeData plan = new NoticeData.Document("https://cms.example/p", null, 3, false, LocalDate.of(2026, 3, 2));
        assertEquals(List.of("documentUrl", "version", "amended", "eventDate"), keys(plan));
        assertEquals(Map.of("documentUrl", "https://cms.example/p", "version", "3", "amended", "false",
                "eventDate", "2026-03-02"), plan.toMap());
    }

    @Test
    void aRecordCopyAndAClosureNoticeLeaveOutWhatTheyDoNotHave() {
        assertEquals(Map.of("documentUrl", "https://cms.example/r", "record", "CARE_TEAM_MEETING", "eventDate", "2026-03-02"),
                new NoticeData.Document("https://cms.example/r", RecordKind.CARE_TEAM_MEETING, null, null,
                        LocalDate.of(2026, 3, 2)).toMap());
        assertEquals(Map.of("eventDate", "2026-03-09"),
                new NoticeData.Document(null, null, null, null, LocalDate.of(2026, 3, 9)).toMap());
    }

    @Test
    void aMeetingStoresVenueConfidentialOnlyWhenTrueAndItsTimeAsLocalDateTimePrintsIt() {
        NoticeData open = new NoticeData.Meeting(MeetingKind.REVIEW, LocalDateTime.of(2026, 3, 5, 9, 30), "Civic Offices", false);
        assertEquals(List.of("meeting", "startsAt", "venue"), keys(open));
        assertEquals(Map.of("meeting", "REVIEW", "startsAt", "2026-03-05T09:30", "venue", "Civic Offices"), open.toMap());
        NoticeData confidential = new NoticeData.Meeting(MeetingKind.PLANNING, LocalDateTime.of(2026, 3, 5, 9, 30, 15),
                "Hub", true);
        assertEquals(Map.of("meeting", "PLANNING", "startsAt", "2026-03-05T09:30:15", "venue", "Hub",
                "venueConfidential", "true"), confidential.toMap());
        assertThrows(IllegalArgumentException.class, () -> new NoticeData.Meeting(MeetingKind.REVIEW, null, "Hub", false));
    }

    @Test
    void aBreachAReminderAndAContactFailure() {
        NoticeData breach = new NoticeData.Breach(ObligationKind.PLAN_REVIEW, LocalDate.of(2026, 4, 2),
                LocalDate.of(2026, 5, 1), "D1");
        assertEquals(List.of("obligationKind", "dueDate", "agreedDate", "ruleId"), keys(breach));
        assertEquals(Map.of("obligationKind", "PLAN_REVIEW", "dueDate", "2026-04-02", "agreedDate", "2026-05-01",
                "ruleId", "D1"), breach.toMap());
        assertEquals(Map.of("step", "overdue-0"), new NoticeData.Reminder("overdue-0").toMap());
        NoticeData digest = new NoticeData.Digest(LocalDate.of(2026, 3, 2));
        assertEquals(Map.of("day", "2026-03-02"), digest.toMap());
        assertEquals(digest, NoticeData.fromMap(NoticeTemplate.DAILY_DIGEST, digest.toMap()));
        NoticeData failed = new NoticeData.ContactFailed(NoticeTemplate.MEETING_REMINDER, "mum", Role.CARER,
                FailureReason.INVALID_MOBILE);
        assertEquals(List.of("failedTemplate", "failedRecipientId", "failedRecipientRole", "failedReason"), keys(failed));
        assertEquals(Map.of("failedTemplate", "meeting-reminder", "failedRecipientId", "mum", "failedRecipientRole", "CARER",
                "failedReason", "invalid-mobile"), failed.toMap());
    }

    @Test
    void eachTemplateReadsItsOwnFamily() {
        for (NoticeTemplate t : NoticeTemplate.values()) {
            NoticeData read = NoticeData.fromMap(t, Map.of());
            Class<?> family = switch (t) {
                case PLAN_COPY, RECORD_COPY, CLOSURE_NOTICE -> NoticeData.Document.class;
                case MEETING_INVITATION, MEETING_REMINDER, SCHOOL_HOURS_WARNING -> NoticeData.Meeting.class;
                case POLICY_BREACH -> NoticeData.Breach.class;
                case OBLIGATION_REMINDER, OBLIGATION_OVERDUE -> NoticeData.Reminder.class;
                case CONTACT_FAILED -> NoticeData.ContactFailed.class;
                case DUE_DATE_CHANGED -> NoticeData.DueDateChanged.class;
                // A digest is worded for its day: one stored without it cannot be (and fails when rendered).
                case DAILY_DIGEST -> NoticeData.Unreadable.class;
            };
            assertInstanceOf(family, read, t.id());
            assertEquals(Map.of(), read.toMap(), "nothing stored, nothing written back: " + t.id());
        }
    }

    @Test
    void aValueATemplateWordsThatDoesNotParseIsUnreadableAndKeptAsStored() {
        Map<String, String> stored = Map.of("record", "MINUTES", "documentUrl", "https://cms.example/r");
        NoticeData read = NoticeData.fromMap(NoticeTemplate.RECORD_COPY, stored);
        NoticeData.Unreadable unreadable = assertInstanceOf(NoticeData.Unreadable.class, read);
        assertEquals(stored, unreadable.toMap(), "an email sent instead of a text copies the data as it was");
        assertTrue(unreadable.problem().startsWith("record"), unreadable.problem());
        assertInstanceOf(NoticeData.Unreadable.class,
                NoticeData.fromMap(NoticeTemplate.MEETING_REMINDER, Map.of("meeting", "REVIEW", "venue", "Hub")));
        assertInstanceOf(NoticeData.Unreadable.class,
                NoticeData.fromMap(NoticeTemplate.CLOSURE_NOTICE, Map.of("eventDate", "9 March")));
        assertInstanceOf(NoticeData.Unreadable.class,
                NoticeData.fromMap(NoticeTemplate.POLICY_BREACH, Map.of("agreedDate", "later")));
        assertInstanceOf(NoticeData.Unreadable.class,
                NoticeData.fromMap(NoticeTemplate.CONTACT_FAILED, Map.of("failedRecipientRole", "UNCLE")));
    }

    @Test
    void aValueNoTemplateWordsThatDoesNotParseIsDropped() {
        NoticeData.Document plan = assertInstanceOf(NoticeData.Document.class, NoticeData.fromMap(NoticeTemplate.PLAN_COPY,
                Map.of("record", "whatever", "version", "x", "amended", "yes", "eventDate", "soon")));
        assertEquals(new NoticeData.Document(null, null, null, null, null), plan);
        NoticeData.ContactFailed failed = assertInstanceOf(NoticeData.ContactFailed.class,
                NoticeData.fromMap(NoticeTemplate.CONTACT_FAILED, Map.of("failedTemplate", "letter", "failedReason", "lost")));
        assertNull(failed.failedTemplate());
        assertNull(failed.failedReason(), "worded in general terms");
        NoticeData.Meeting noMeeting = assertInstanceOf(NoticeData.Meeting.class,
                NoticeData.fromMap(NoticeTemplate.MEETING_INVITATION, Map.of("startsAt", "soon", "venue", "Hub")));
        assertEquals(new NoticeData.Meeting(null, null, "Hub", false), noMeeting);
    }

    @Test
    void aJsonNullReadsAsAbsent() {
        Map<String, String> stored = new HashMap<>();
        stored.put("step", null);
        assertEquals(new NoticeData.Reminder(null), NoticeData.fromMap(NoticeTemplate.OBLIGATION_OVERDUE, stored));
        stored.put("failedRecipientRole", null);
        NoticeData.Unreadable kept = new NoticeData.Unreadable(stored, "test");
        assertEquals(Map.of(), kept.toMap());
    }

    private static List<String> keys(NoticeData d) {
        return new ArrayList<>(d.toMap().keySet());
    }
}
