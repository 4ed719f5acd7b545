package cin.reminders.domain.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a council's professionals get their reminder rungs ({@code reminders.delivery}, CONTRACT-2 §7). */
public enum ReminderDelivery {
    /** One message per rung, as it falls due (the default). */
    EACH,
    /** One email per professional per working day, listing the day's rungs and everything overdue. */
    DIGEST;

    /** The policy file's word: {@code each} or {@code digest}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReminderDelivery> fromWord(String word) {
        return Arrays.stream(values()).filter(d -> d.word().equals(word)).findFirst();
    }
}
