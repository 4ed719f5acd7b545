package cin.reminders.domain.notice;

import java.time.Instant;

/**
 * One rung of an obligation's reminder ladder.
 *
 * @param key stable within the obligation: {@code good-practice}, {@code before-5}, {@code before-0}, {@code overdue-0}, {@code overdue-1}...
 * @param at when it is due to go out
 */
public record ReminderStep(String key, Instant at) {

    public boolean isEscalation() {
        return key.startsWith("overdue-");
    }
}
