package cin.reminders.domain.calendar;

import static cin.reminders.domain.Events.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.policy.DueUnit;
import cin.reminders.domain.policy.Interval;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingCalendarTest {

    /** https://www.gov.uk/bank-holidays, England and Wales, 2025 to 2028 (2028 as announced with the usual rules). */
    static final Set<LocalDate> GOV_UK_ENGLAND_AND_WALES = Set.of(
            d("2025-01-01"), d("2025-04-18"), d("2025-04-21"), d("2025-05-05"), d("2025-05-26"), d("2025-08-25"),
            d("2025-12-25"), d("2025-12-26"),
            d("2026-01-01"), d("2026-04-03"), d("2026-04-06"), d("2026-05-04"), d("2026-05-25"), d("2026-08-31"),
            d("2026-12-25"), d("2026-12-28"),
            d("2027-01-01"), d("2027-03-26"), d("2027-03-29"), d("2027-05-03"), d("2027-05-31"), d("2027-08-30"),
            d("2027-12-27"), d("2027-12-28"),
            d("2028-01-03"), d("2028-04-14"), d("2028-04-17"), d("2028-05-01"), d("2028-05-29"), d("2028-08-28"),
            d("2028-12-25"), d("2028-12-26"));

    /** https://www.gov.uk/bank-holidays, Scotland, 2026 (with the 15 June World Cup bank holiday). */
    static final Set<LocalDate> GOV_UK_SCOTLAND_2026 = Set.of(
            d("2026-01-01"), d("2026-01-02"), d("2026-04-03"), d("2026-05-04"), d("2026-05-25"), d("2026-06-15"),
            d("2026-08-03"), d("2026-11-30"), d("2026-12-25"), d("2026-12-28"));

    /** https://www.gov.uk/bank-holidays, Northern Ireland, 2026. */
    static final Set<LocalDate> GOV_UK_NORTHERN_IRELAND_2026 = Set.of(
            d("2026-01-01"), d("2026-03-17"), d("2026-04-03"), d("2026-04-06"), d("2026-05-04"), d("2026-05-25"),
            d("2026-07-13"), d("2026-08-31"), d("2026-12-25"), d("2026-12-28"));

    final WorkingCalendar england = WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of());

    @Test
    void englandAndWalesMatchesTheGovUkList2025To2028() {
        Set<LocalDate> fromLibrary = new TreeSet<>();
        for (int year = 2025; year <= 2028; year++) {
            fromLibrary.addAll(JollydayBankHolidays.of(CalendarRegion.ENGLAND_AND_WALES).observedIn(year));
        }
        assertEquals(new TreeSet<>(GOV_UK_ENGLAND_AND_WALES), fromLibrary);
    }

    @Test
    void scotlandAndNorthernIrelandAreSelectable() {
        assertEquals(new TreeSet<>(GOV_UK_SCOTLAND_2026),
                new TreeSet<>(JollydayBankHolidays.of(CalendarRegion.SCOTLAND).observedIn(2026)));
        assertEquals(new TreeSet<>(GOV_UK_NORTHERN_IRELAND_2026),
                new TreeSet<>(JollydayBankHolidays.of(CalendarRegion.NORTHERN_IRELAND).observedIn(2026)));
        WorkingCalendar scotland = WorkingCalendar.of(CalendarRegion.SCOTLAND, Set.of());
        assertTrue(scotland.isWorkingDay(d("2026-04-06")), "no Easter Monday in Scotland");
        assertFalse(england.isWorkingDay(d("2026-04-06")));
    }

    @Test
    void theObservedDayIsShutNotTheNominalOne() {
        assertTrue(england.isWorkingDay(d("2026-12-24")));
        assertFalse(england.isWorkingDay(d("2026-12-28")), "substitute Monday for Boxing Day");
    }

    @Test
    void workedExampleFromPolicies() {
        // D = Fri 2026-12-18, 5 working days: Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25, Mon 28 shut), Tue 29.
        assertEquals(d("2026-12-29"), england.plusWorkingDays(d("2026-12-18"), 5));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-01-12, 6, WEEKS, 2026-02-23",       // plain
            "2026-02-20, 6, WEEKS, 2026-04-02",       // Good Friday 2026-04-03 rolls back to Thursday
            "2026-05-29, 3, MONTHS, 2026-08-28",      // Saturday rolls back to Friday
            "2026-01-31, 1, MONTHS, 2026-02-27",      // clamps to Sat 28 Feb, then rolls back to Fri 27
            "2026-12-18, 2, WEEKS, 2026-12-31",       // New Year's Day rolls back
            "2026-12-18, 10, WORKING_DAYS, 2027-01-06",
            "2026-03-31, 5, WORKING_DAYS, 2026-04-09", // across Easter
            "2026-12-19, 10, DAYS, 2026-12-29",
            "2026-12-15, 10, DAYS, 2026-12-24"})      // Christmas Day rolls back
    void intervals(String from, int amount, DueUnit unit, String expected) {
        assertEquals(d(expected), new Interval(amount, unit).after(d(from), england));
    }

    @Test
    void extraClosureDaysCountAsShut() {
        WorkingCalendar withClosure = WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of(d("2026-12-24")));
        assertFalse(withClosure.isWorkingDay(d("2026-12-24")));
        assertEquals(d("2026-12-23"), withClosure.onOrBefore(d("2026-12-24")));
        assertEquals(d("2026-12-30"), withClosure.plusWorkingDays(d("2026-12-18"), 5));
    }

    @Test
    void minusWorkingDaysMirrorsPlus() {
        Set<LocalDate> mismatches = IntStream.range(0, 800)
                .mapToObj(i -> d("2025-01-01").plusDays(i))
                .filter(england::isWorkingDay)
                .filter(day -> !england.minusWorkingDays(england.plusWorkingDays(day, 5), 5).equals(day))
                .collect(Collectors.toSet());
        assertTrue(mismatches.isEmpty(), () -> "mismatch at " + mismatches);
    }
}
