package cin.reminders.domain.policy;

/** A policy file that cannot be used; the message names the file and the rule. */
public class PolicyException extends RuntimeException {

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
