package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.domain.calendar.CalendarRegion;
import cin.reminders.domain.calendar.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which digest a rung joins, and when digests go (CONTRACT-2 §7). */
class DigestDayTest {

    // Monday 2 March 2026 is a working day; Friday 6 March too; Saturday 7 March is not. London is on GMT in March.
    final DigestDay days = new DigestDay(WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, java.util.Set.of()),
            LocalTime.of(8, 30), Duration.ofMinutes(10));

    @Test
    void theDigestGoesAtTheHourAndTheGatheringTime() {
        assertEquals(Instant.parse("2026-03-02T08:40:00Z"), days.sendAt(LocalDate.of(2026, 3, 2)));
        // British Summer Time: 08:40 in London is 07:40 UTC.
        assertEquals(Instant.parse("2026-06-01T07:40:00Z"), days.sendAt(LocalDate.of(2026, 6, 1)));
    }

    @Test
    void aRungBeforeTheDigestGoesJoinsThatDaysDigest() {
        assertEquals(Optional.of(LocalDate.of(2026, 3, 2)), days.forRungFiringAt(Instant.parse("2026-03-02T08:30:00Z")));
        assertEquals(Optional.of(LocalDate.of(2026, 3, 2)), days.forRungFiringAt(Instant.parse("2026-03-02T06:00:00Z")));
        assertEquals(Optional.of(LocalDate.of(2026, 3, 2)), days.forRungFiringAt(Instant.parse("2026-03-02T08:39:59Z")));
    }

    @Test
    void aRungInWorkingHoursAfterTheDigestHasGoneIsSentOnItsOwn() {
        assertEquals(Optional.empty(), days.forRungFiringAt(Instant.parse("2026-03-02T08:40:00Z")));
        assertEquals(Optional.empty(), days.forRungFiringAt(Instant.parse("2026-03-02T17:29:00Z")));
    }

    @Test
    void aRungInTheEveningOrOnAShutDayJoinsTheNextWorkingDaysDigest() {
        assertEquals(Optional.of(LocalDate.of(2026, 3, 3)), days.forRungFiringAt(Instant.parse("2026-03-02T17:30:00Z")));
        assertEquals(Optional.of(LocalDate.of(2026, 3, 9)), days.forRungFiringAt(Instant.parse("2026-03-06T20:00:00Z")));
        assertEquals(Optional.of(LocalDate.of(2026, 3, 9)), days.forRungFiringAt(Instant.parse("2026-03-07T09:00:00Z")));
    }

    @Test
    void theDayIsPlannedOnceItsHourHasComeOnAWorkingDay() {
        assertEquals(Optional.empty(), days.plannedAt(Instant.parse("2026-03-02T08:29:59Z")));
        assertEquals(Optional.of(LocalDate.of(2026, 3, 2)), days.plannedAt(Instant.parse("2026-03-02T08:30:00Z")));
        assertEquals(Optional.empty(), days.plannedAt(Instant.parse("2026-03-07T09:00:00Z")));
    }

    @Test
    void theKeyIsOnePerProfessionalCouncilAndDay() {
        assertEquals("daily-digest|durham|lp-1|2026-03-02",
                NoticeKey.dailyDigest("durham", "lp-1", LocalDate.of(2026, 3, 2)).value());
    }
}
