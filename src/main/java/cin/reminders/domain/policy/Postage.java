package cin.reminders.domain.policy;

import java.util.Locale;

/** The class of post a council's letters go by (GOV.UK Notify's postage: first, second, economy). */
public enum Postage {
    FIRST, SECOND, ECONOMY;

    /** As Notify and the policy files spell it: {@code second}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
