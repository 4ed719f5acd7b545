package cin.reminders.domain.model;

/**
 * How a person prefers to be reached, and how a notice goes. {@code LETTER} (CONTRACT-2 §5): post through GOV.UK
 * Notify, for families and agencies only, when their council has letters on ({@link
 * cin.reminders.domain.notice.ProofOfService}).
 */
public enum Channel {
    EMAIL, SMS, LETTER
}
