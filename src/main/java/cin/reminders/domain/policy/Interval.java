package cin.reminders.domain.policy;

import cin.reminders.domain.calendar.WorkingCalendar;
import java.time.LocalDate;

/** "N units after": the arithmetic of POLICIES.md, "How due dates are computed". */
public record Interval(int amount, DueUnit unit) {

    /** The raw date, before any roll-back to a working day. */
    public LocalDate rawAfter(LocalDate from, WorkingCalendar calendar) {
        return switch (unit) {
            case WORKING_DAYS -> calendar.plusWorkingDays(from, amount);
            case DAYS -> from.plusDays(amount);
            case WEEKS -> from.plusWeeks(amount);
            case MONTHS -> from.plusMonths(amount); // clamps to month end: Jan 31 + 1 month = Feb 28
        };
    }

    /** The deadline: a day, week or month result on a closed day moves back to the previous working day. */
    public LocalDate after(LocalDate from, WorkingCalendar calendar) {
        LocalDate raw = rawAfter(from, calendar);
        return unit == DueUnit.WORKING_DAYS ? raw : calendar.onOrBefore(raw);
    }

    @Override
    public String toString() {
        return amount + " " + unit.name().toLowerCase().replace('_', ' ');
    }
}
