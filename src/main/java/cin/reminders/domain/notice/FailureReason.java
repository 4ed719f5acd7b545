package cin.reminders.domain.notice;

import java.util.Optional;

/**
 * Why a notice could not reach its recipient, as the lead professional's contact-failed message
 * words it. The codes are stored (notice data {@code failedReason}), so they never change.
 */
public enum FailureReason {
    /** No email address or mobile number on record (or the recipient left the case). */
    NO_CONTACT("no-contact"),
    /** A mobile number is on record but it is not a valid UK mobile. */
    INVALID_MOBILE("invalid-mobile"),
    /** The provider refused the message. */
    REJECTED("rejected"),
    /** The provider accepted it but could not deliver it. */
    UNDELIVERABLE("undeliverable"),
    /** Sending kept failing transiently until the attempts ran out. */
    GAVE_UP("gave-up");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    /** The stored code, e.g. {@code no-contact}. */
    public String code() {
        return code;
    }

    /** The reason a stored code names; empty for a code this version does not know. */
    public static Optional<FailureReason> fromCode(String code) {
        for (FailureReason r : values()) {
            if (r.code.equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
