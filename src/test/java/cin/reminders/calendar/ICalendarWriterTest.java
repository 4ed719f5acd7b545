package cin.reminders.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5545 rules the feed must keep for Outlook to read it. */
class ICalendarWriterTest {

    final String ics = ICalendarWriter.calendar("CIN deadlines", List.of(
            new ICalendarWriter.Deadline("a@cin-reminders", LocalDate.parse("2026-04-02"),
                    "Plan review due, case DY-1", "Plan review for case DY-1 (Derbyshire County Council, rule D1); due 2026-04-02."
                            + " A long description that has to be folded because it runs well past seventy-five octets: ŵŷâ.", false)),
            Instant.parse("2026-03-02T10:00:00Z"));

    @Test
    void linesEndInCrlfAndAreFoldedAt75Octets() {
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "too long: " + line);
        }
        assertTrue(!ics.replace("\r\n", "").contains("\n"), "no bare LF");
        String unfolded = ics.replace("\r\n ", "");
        assertTrue(unfolded.contains("seventy-five octets: ŵŷâ."), "folding keeps UTF-8 characters whole");
    }

    @Test
    void requiredPropertiesAndAllDayEvents() {
        String unfolded = ics.replace("\r\n ", "");
        for (String required : List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:", "BEGIN:VEVENT", "UID:a@cin-reminders",
                "DTSTAMP:20260302T100000Z", "DTSTART;VALUE=DATE:20260402", "DTEND;VALUE=DATE:20260403", "END:VEVENT")) {
            assertTrue(unfolded.contains(required), required);
        }
    }

    @Test
    void textValuesAreEscaped() {
        assertEquals("a\\, b\\; c\\\\ d\\ne", ICalendarWriter.escape("a, b; c\\ d\ne"));
        assertTrue(ics.replace("\r\n ", "").contains("SUMMARY:Plan review due\\, case DY-1"));
    }
}
