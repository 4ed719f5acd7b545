package cin.reminders.domain.policy;

import java.util.List;

/**
 * A policy file that cannot be used. The message names the file and the rule; when the loader found several
 * mistakes, it has one line per mistake ({@link #problems()}).
 */
public class PolicyException extends RuntimeException {

    private final List<String> problems;

    public PolicyException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Every mistake found, one a line, each naming its file. */
    public PolicyException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The mistakes, one per entry, each naming the file, and the rule and key where there is one. */
    public List<String> problems() {
        return problems;
    }
}
