package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuietHoursTest {

    final QuietHours quiet = QuietHours.standard();

    static Instant london(String local) {
        return LocalDateTime.parse(local).atZone(QuietHours.LONDON).toInstant();
    }

    @ParameterizedTest
    @CsvSource({
            "2026-06-10T22:00, 2026-06-11T08:00",   // summer time
            "2026-12-10T22:00, 2026-12-11T08:00",   // winter time
            "2026-03-28T21:30, 2026-03-29T08:00",   // clocks go forward at 01:00 on the 29th
            "2026-10-24T23:59, 2026-10-25T08:00",   // clocks go back at 02:00 on the 25th
            "2026-06-11T07:59, 2026-06-11T08:00",
            "2026-06-11T20:00, 2026-06-12T08:00"})
    void aTextInQuietHoursWaitsForEight(String at, String allowed) {
        assertTrue(quiet.isQuiet(london(at)));
        assertEquals(london(allowed), quiet.nextAllowed(london(at)));
    }

    @ParameterizedTest
    @CsvSource({"2026-06-11T08:00", "2026-06-11T12:00", "2026-06-11T19:59", "2026-03-29T08:00"})
    void daytimeIsNotQuiet(String at) {
        assertFalse(quiet.isQuiet(london(at)));
        assertEquals(london(at), quiet.nextAllowed(london(at)));
    }
}
