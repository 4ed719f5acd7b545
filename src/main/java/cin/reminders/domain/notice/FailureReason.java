package cin.reminders.domain.notice;

import java.util.Optional;

/**
 * Why a notice could not reach its recipient, as the lead professional's contact-failed message
 * words it. The codes are stored (notice data {@code failedReason}), so they never change.
 */
public enum FailureReason {
    /** No email address, mobile number or (with letters on) postal address on record (or the recipient left the case). */
    NO_CONTACT("no-contact"),
    /** A mobile number is on record but it is not a valid UK mobile. */
    INVALID_MOBILE("invalid-mobile"),
    /** The provider refused the message. */
    REJECTED("rejected"),
    /** The provider accepted it but could not deliver it. */
    UNDELIVERABLE("undeliverable"),
    /** Sending kept failing transiently until the attempts ran out. */
    GAVE_UP("gave-up"),
    /** The address on record is not one the post can use (Notify refused it: postcode, too few lines). */
    INVALID_ADDRESS("invalid-address"),
    /** Only post could reach them, and a letter would not arrive before the meeting. */
    TOO_LATE_FOR_POST("too-late-for-post"),
    /** The letter came back undelivered. */
    RETURNED("returned");

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
