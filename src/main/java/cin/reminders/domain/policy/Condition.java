package cin.reminders.domain.policy;

/** A test a rule makes before it applies; policy files combine these by name. */
@FunctionalInterface
public interface Condition {

    boolean holds(RuleContext context);

    Condition ALWAYS = context -> true;

    default Condition and(Condition other) {
        return context -> holds(context) && other.holds(context);
    }
}
