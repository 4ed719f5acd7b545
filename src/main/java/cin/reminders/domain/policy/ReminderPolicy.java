package cin.reminders.domain.policy;

import java.time.LocalTime;
import java.util.List;

/**
 * The reminder ladder of a council (POLICIES.md, "Who receives what").
 *
 * @param workingDaysBefore reminders to the owner, in working days before the due date (0 = on the day)
 * @param at the time of day reminders and escalations go out, on working days
 * @param escalateEvery working days between repeated escalations while an obligation stays overdue
 */
public record ReminderPolicy(List<Integer> workingDaysBefore, LocalTime at, int escalateEvery) {

    public static ReminderPolicy standard() {
        return new ReminderPolicy(List.of(5, 1, 0), LocalTime.of(8, 30), 5);
    }
}
