package cin.reminders.domain.policy;

/**
 * A test a rule makes before it applies; policy files combine these by name. A condition read from a file
 * carries its plain words ({@link #words()}, "the case is not on longer-term support") for the policy checker.
 */
@FunctionalInterface
public interface Condition {

    boolean holds(RuleContext context);

    Condition ALWAYS = context -> true;

    /** The condition in plain words, or "" when it says nothing (ALWAYS, or one made in code without words). */
    default String words() {
        return "";
    }

    default Condition and(Condition other) {
        Condition self = this;
        Condition both = context -> self.holds(context) && other.holds(context);
        String words = words().isEmpty() ? other.words()
                : other.words().isEmpty() ? words() : words() + " and " + other.words();
        return words.isEmpty() ? both : worded(words, both);
    }

    /** A condition with its plain words. */
    static Condition worded(String words, Condition test) {
        return new Condition() {
            @Override
            public boolean holds(RuleContext context) {
                return test.holds(context);
            }

            @Override
            public String words() {
                return words;
            }
        };
    }
}
