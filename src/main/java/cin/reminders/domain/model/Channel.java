package cin.reminders.domain.model;

/**
 * How a person prefers to be reached, and how a notice goes. {@code LETTER} (CONTRACT-2 §5) is accepted as a
 * preference and may be a notice's channel; no letter is sent yet: a family or agency notice for someone who prefers
 * letters fails with {@code no-contact}, and the lead professional is told ({@link
 * cin.reminders.domain.notice.Delivery}).
 */
public enum Channel {
    EMAIL, SMS, LETTER
}
