package cin.reminders.domain.model;

import java.util.Locale;

/** Languages a participant can receive messages in; the contract spells them {@code en} and {@code cy}. */
public enum Language {
    EN("en"), CY("cy");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Language fromCode(String code) {
        for (Language l : values()) {
            if (l.code.equals(code)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language " + code);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }
}
