package cin.reminders.domain.policy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * The reminder ladder of a council (POLICIES.md, "Who receives what").
 *
 * @param workingDaysBefore reminders to the owner, in working days before the due date (0 = on the day)
 * @param at the time of day reminders and escalations go out, on working days
 * @param escalateEvery working days between repeated escalations while an obligation stays overdue
 * @param settle how long a reminder or escalation of an obligation created already past it waits after the case's
 *               last event, so that a backlog being caught up can complete the obligation first (zero: no wait)
 * @param delivery one message per rung ({@code each}, the default) or one daily digest per professional
 *                 ({@code digest}, CONTRACT-2 §7)
 */
public record ReminderPolicy(List<Integer> workingDaysBefore, LocalTime at, int escalateEvery, Duration settle,
                             ReminderDelivery delivery) {

    /** The settle period when a policy file names none. */
    public static final Duration STANDARD_SETTLE = Duration.ofMinutes(15);

    public ReminderPolicy(List<Integer> workingDaysBefore, LocalTime at, int escalateEvery) {
        this(workingDaysBefore, at, escalateEvery, STANDARD_SETTLE);
    }

    public ReminderPolicy(List<Integer> workingDaysBefore, LocalTime at, int escalateEvery, Duration settle) {
        this(workingDaysBefore, at, escalateEvery, settle, ReminderDelivery.EACH);
    }

    public static ReminderPolicy standard() {
        return new ReminderPolicy(List.of(5, 1, 0), LocalTime.of(8, 30), 5, STANDARD_SETTLE, ReminderDelivery.EACH);
    }

    /** Whether this council's professionals get their rungs in one daily digest. */
    public boolean digest() {
        return delivery == ReminderDelivery.DIGEST;
    }
}
