package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Notice data survives its stored form, for every family and each template that writes it. */
class NoticeDataProperties {

    @Property(tries = 400)
    void documentsRoundTrip(@ForAll("documents") NoticeData.Document d) {
        for (NoticeTemplate t : List.of(NoticeTemplate.PLAN_COPY, NoticeTemplate.RECORD_COPY, NoticeTemplate.CLOSURE_NOTICE)) {
            assertEquals(d, NoticeData.fromMap(t, d.toMap()), t.id());
        }
    }

    @Property(tries = 400)
    void meetingsRoundTrip(@ForAll("meetings") NoticeData.Meeting d) {
        for (NoticeTemplate t : List.of(NoticeTemplate.MEETING_INVITATION, NoticeTemplate.MEETING_REMINDER,
                NoticeTemplate.SCHOOL_HOURS_WARNING)) {
            assertEquals(d, NoticeData.fromMap(t, d.toMap()), t.id());
        }
    }

    @Property(tries = 400)
    void breachesRemindersAndContactFailuresRoundTrip(@ForAll("breaches") NoticeData.Breach breach,
                                                      @ForAll("text") String step,
                                                      @ForAll("contactFailures") NoticeData.ContactFailed failed) {
        assertEquals(breach, NoticeData.fromMap(NoticeTemplate.POLICY_BREACH, breach.toMap()));
        NoticeData.Reminder reminder = new NoticeData.Reminder(step);
        assertEquals(reminder, NoticeData.fromMap(NoticeTemplate.OBLIGATION_REMINDER, reminder.toMap()));
        assertEquals(reminder, NoticeData.fromMap(NoticeTemplate.OBLIGATION_OVERDUE, reminder.toMap()));
        assertEquals(failed, NoticeData.fromMap(NoticeTemplate.CONTACT_FAILED, failed.toMap()));
    }

    /** Whatever a row holds, reading it never throws: a bad row must not block the claim of its batch. */
    @Property(tries = 1000)
    void anyStoredMapReadsWithoutThrowingAndNeverWritesNulls(@ForAll("templates") NoticeTemplate template,
                                                             @ForAll("storedMaps") Map<String, String> stored) {
        NoticeData read = NoticeData.fromMap(template, stored);
        assertFalse(read.toMap().containsValue(null));
        if (read instanceof NoticeData.Unreadable u) {
            assertEquals(stored, u.toMap());
        }
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(30).injectNull(0.2);
    }

    @Provide
    Arbitrary<NoticeTemplate> templates() {
        return Arbitraries.of(NoticeTemplate.class);
    }

    @Provide
    Arbitrary<NoticeData.Document> documents() {
        return Combinators.combine(text(), Arbitraries.of(RecordKind.class).injectNull(0.3),
                Arbitraries.integers().injectNull(0.5), Arbitraries.of(true, false).injectNull(0.5), dates().injectNull(0.1))
                .as(NoticeData.Document::new);
    }

    @Provide
    Arbitrary<NoticeData.Meeting> meetings() {
        return Combinators.combine(Arbitraries.of(MeetingKind.class).injectNull(0.1), dateTimes(), text(),
                Arbitraries.of(true, false)).as(NoticeData.Meeting::new);
    }

    @Provide
    Arbitrary<NoticeData.Breach> breaches() {
        return Combinators.combine(Arbitraries.of(ObligationKind.class).injectNull(0.1), dates().injectNull(0.1),
                dates().injectNull(0.1), text()).as(NoticeData.Breach::new);
    }

    @Provide
    Arbitrary<NoticeData.ContactFailed> contactFailures() {
        return Combinators.combine(Arbitraries.of(NoticeTemplate.class).injectNull(0.1), text(),
                Arbitraries.of(Role.class).injectNull(0.1), Arbitraries.of(FailureReason.class).injectNull(0.1))
                .as(NoticeData.ContactFailed::new);
    }

    @Provide
    Arbitrary<Map<String, String>> storedMaps() {
        Arbitrary<String> keys = Arbitraries.of("documentUrl", "record", "version", "amended", "eventDate", "meeting",
                "startsAt", "venue", "venueConfidential", "obligationKind", "dueDate", "agreedDate", "ruleId", "step",
                "failedTemplate", "failedRecipientId", "failedRecipientRole", "failedReason", "other");
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("REVIEW", "PARENT", "PLAN_REVIEW", "true", "false", "no-contact", "plan-copy", "2026-03-02",
                        "2026-03-05T09:30", "7"));
        return Arbitraries.maps(keys, values).ofMaxSize(8);
    }

    private static Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2200, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    private static Arbitrary<LocalDateTime> dateTimes() {
        return Combinators.combine(Arbitraries.longs().between(-2_208_988_800L, 7_258_118_400L),
                        Arbitraries.of(0, 0, 0, 1, 500_000_000, 999_999_999))
                .as((seconds, nanos) -> LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC));
    }
}
