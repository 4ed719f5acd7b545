package cin.reminders.domain.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * A council's working days: Monday to Friday, less its region's bank holidays and its own extra
 * closure days. All due-date arithmetic of POLICIES.md goes through here.
 */
public final class WorkingCalendar {

    private final BankHolidays bankHolidays;
    private final Set<LocalDate> extraClosures;

    public WorkingCalendar(BankHolidays bankHolidays, Set<LocalDate> extraClosures) {
        this.bankHolidays = bankHolidays;
        this.extraClosures = Set.copyOf(extraClosures);
    }

    public static WorkingCalendar of(CalendarRegion region, Set<LocalDate> extraClosures) {
        return new WorkingCalendar(JollydayBankHolidays.of(region), extraClosures);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY
                && !bankHolidays.observedIn(day.getYear()).contains(day)
                && !extraClosures.contains(day);
    }

    /** The n-th working day after {@code from}, counting forward one day at a time ({@code n >= 1}). */
    public LocalDate plusWorkingDays(LocalDate from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The n-th working day before {@code from} ({@code n >= 1}). */
    public LocalDate minusWorkingDays(LocalDate from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < n) {
            day = day.minusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** {@code day} if it is a working day, else the working day before it: a deadline is never a day the office is shut. */
    public LocalDate onOrBefore(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** {@code day} if it is a working day, else the next one. */
    public LocalDate onOrAfter(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The first working day strictly after {@code day}. */
    public LocalDate nextWorkingDay(LocalDate day) {
        return plusWorkingDays(day, 1);
    }
}
