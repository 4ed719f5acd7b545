package cin.reminders.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.notice.render.Wording;

/** Dates, times and labels in English and Welsh, without Quarkus. */
class WordingTest {

    static final Wording EN = Wording.of(Language.EN);
    static final Wording CY = Wording.of(Language.CY);

    @Test
    void englishDatesFollowGovUkStyle() {
        assertEquals("Monday 2 March 2026", EN.date(LocalDate.of(2026, 3, 2)));
        assertEquals("Tuesday 29 December 2026", EN.date(LocalDate.of(2026, 12, 29)));
        assertEquals("Sunday 10 January 2027", EN.date(LocalDate.of(2027, 1, 10)));
    }

    @Test
    void welshDatesUseWelshDayAndMonthNames() {
        assertEquals("Dydd Llun 2 Mawrth 2026", CY.date(LocalDate.of(2026, 3, 2)));
        assertEquals("Dydd Mawrth 3 Mawrth 2026", CY.date(LocalDate.of(2026, 3, 3)));
        assertEquals("Dydd Mercher 4 Mawrth 2026", CY.date(LocalDate.of(2026, 3, 4)));
        assertEquals("Dydd Iau 5 Mawrth 2026", CY.date(LocalDate.of(2026, 3, 5)));
        assertEquals("Dydd Gwener 6 Mawrth 2026", CY.date(LocalDate.of(2026, 3, 6)));
        assertEquals("Dydd Sadwrn 7 Mawrth 2026", CY.date(LocalDate.of(2026, 3, 7)));
        assertEquals("Dydd Sul 8 Mawrth 2026", CY.date(LocalDate.of(2026, 3, 8)));
        List<String> months = List.of("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
                "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr");
        for (int month = 1; month <= 12; month++) {
            assertTrue(CY.date(LocalDate.of(2026, month, 15)).endsWith(" 15 " + months.get(month - 1) + " 2026"));
        }
    }

    @Test
    void englishTimes() {
        assertEquals("10:30am", EN.time(LocalTime.of(10, 30)));
        assertEquals("2pm", EN.time(LocalTime.of(14, 0)));
        assertEquals("9:05am", EN.time(LocalTime.of(9, 5)));
        assertEquals("midday", EN.time(LocalTime.of(12, 0)));
        assertEquals("12:15pm", EN.time(LocalTime.of(12, 15)));
        assertEquals("midnight", EN.time(LocalTime.of(0, 0)));
        assertEquals("12:30am", EN.time(LocalTime.of(0, 30)));
        assertEquals("7pm", EN.time(LocalTime.of(19, 0)));
        assertEquals("4:45pm", EN.time(LocalTime.of(16, 45, 59)));
    }

    @Test
    void welshTimes() {
        assertEquals("10:30yb", CY.time(LocalTime.of(10, 30)));
        assertEquals("2yp", CY.time(LocalTime.of(14, 0)));
        assertEquals("9:05yb", CY.time(LocalTime.of(9, 5)));
        assertEquals("canol dydd", CY.time(LocalTime.of(12, 0)));
        assertEquals("12:15yp", CY.time(LocalTime.of(12, 15)));
        assertEquals("canol nos", CY.time(LocalTime.of(0, 0)));
        assertEquals("5:59yp", CY.time(LocalTime.of(17, 59)));
        assertEquals("7yh", CY.time(LocalTime.of(19, 0)));
    }

    @Test
    void labelsInBothLanguages() {
        assertEquals("plan", EN.plan());
        assertEquals("cynllun", CY.plan());
        assertEquals("review record", EN.record(RecordKind.REVIEW));
        assertEquals("planning meeting record", EN.record(RecordKind.PLANNING_MEETING));
        assertEquals("care team meeting record", EN.record(RecordKind.CARE_TEAM_MEETING));
        assertEquals("planning meeting", EN.meeting(MeetingKind.PLANNING));
        assertEquals("review meeting", EN.meeting(MeetingKind.REVIEW));
        assertEquals("care team meeting", EN.meeting(MeetingKind.CARE_TEAM));
        for (MeetingKind kind : MeetingKind.values()) {
            assertTrue(CY.meeting(kind).startsWith("cyfarfod "));
        }
        for (RecordKind kind : RecordKind.values()) {
            assertTrue(CY.record(kind).startsWith("cofnod "));
        }
        assertEquals("social worker", EN.role(Role.LEAD_PROFESSIONAL));
        assertEquals("team manager", EN.role(Role.TEAM_MANAGER));
        assertEquals("gweithiwr cymdeithasol", CY.role(Role.LEAD_PROFESSIONAL));
        assertEquals("rhiant", CY.role(Role.PARENT));
        for (Role role : Role.values()) {
            assertFalse(EN.role(role).isBlank());
            assertNotEquals(EN.role(role), CY.role(role));
        }
    }

    @Test
    void everyObligationKindHasALabelInBothLanguages() {
        Set<String> welsh = new HashSet<>();
        for (ObligationKind kind : ObligationKind.values()) {
            assertEquals(kind.label(), EN.obligation(kind));
            assertFalse(CY.obligation(kind).isBlank());
            assertTrue(Character.isUpperCase(CY.obligation(kind).charAt(0)));
            welsh.add(CY.obligation(kind));
        }
        assertEquals(ObligationKind.values().length, welsh.size());
    }

    @Test
    void failureReasonsHaveAFallback() {
        for (Wording wording : List.of(EN, CY)) {
            Set<String> reasons = new HashSet<>();
            for (String code : List.of("no-contact", "invalid-mobile", "rejected", "undeliverable", "gave-up")) {
                reasons.add(wording.failure(FailureReason.fromCode(code).orElseThrow()));
            }
            assertEquals(5, reasons.size());
            FailureReason somethingNew = FailureReason.fromCode("something-new").orElse(null);
            assertFalse(reasons.contains(wording.failure(somethingNew)));
            assertFalse(wording.failure(somethingNew).isBlank());
            assertEquals(wording.failure(somethingNew), wording.failure(null));
        }
        assertTrue(EN.failure(FailureReason.NO_CONTACT).contains("no email address or mobile number"));
        assertTrue(EN.failure(FailureReason.INVALID_MOBILE).contains("not a valid UK mobile"));
    }

    @Test
    void questionsLineAndFailedWhat() {
        assertEquals("If you have any questions, or do not agree with something, please contact your social worker.",
                EN.questionsLine());
        assertTrue(CY.questionsLine().contains("gweithiwr cymdeithasol"));
        assertTrue(CY.questionsLine().contains("cytuno"));
        assertEquals("plan copy", EN.failedWhat(NoticeTemplate.PLAN_COPY));
        assertEquals("meeting invitation", EN.failedWhat(NoticeTemplate.MEETING_INVITATION));
        for (NoticeTemplate template : NoticeTemplate.values()) {
            assertFalse(EN.failedWhat(template).isBlank());
            assertFalse(CY.failedWhat(template).isBlank());
            assertNotEquals(EN.failedWhat(template), CY.failedWhat(template));
        }
    }
}
