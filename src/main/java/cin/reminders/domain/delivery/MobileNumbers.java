package cin.reminders.domain.delivery;

import java.util.Optional;

/**
 * Checks a mobile number before any text is sent. The check (libphonenumber's UK rules) lives with
 * the SMS channel; the policy only needs its answer.
 */
@FunctionalInterface
public interface MobileNumbers {

    /** The number in E.164, or empty if it is not a mobile number a text can be sent to. */
    Optional<String> normalise(String raw);
}
