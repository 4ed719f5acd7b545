package cin.reminders.platform.problem;

import java.util.List;

/**
 * A case id that names cases in more than one of the caller's councils, with no {@code authority} to choose: answered
 * 409, naming the councils so the caller can ask again with {@code ?authority=} (CONTRACT-2 §6).
 */
public class AmbiguousCaseProblem extends RuntimeException {

    private final List<String> authorities;

    public AmbiguousCaseProblem(List<String> authorities) {
        super("This case id is used by more than one of your councils (" + String.join(", ", authorities)
                + "); name one with the authority query parameter");
        this.authorities = List.copyOf(authorities);
    }

    public List<String> authorities() {
        return authorities;
    }
}
