package cin.reminders.domain.policy;

import java.util.Objects;

/**
 * A council's letters (CONTRACT-2 §5): whether it posts notices to families and agencies who cannot be
 * reached otherwise, by which class of post, and how many working days a meeting must be away for an
 * invitation by post to arrive in time. Off unless the policy file turns it on.
 */
public record Letters(boolean enabled, Postage postage, int minWorkingDaysBeforeMeeting) {

    public static final int DEFAULT_MIN_WORKING_DAYS_BEFORE_MEETING = 3;

    public Letters {
        Objects.requireNonNull(postage, "postage");
        if (minWorkingDaysBeforeMeeting < 0) {
            throw new IllegalArgumentException("minWorkingDaysBeforeMeeting must not be negative");
        }
    }

    /** No letters: a person reachable only by post gets contact-failed to the lead professional. */
    public static Letters off() {
        return new Letters(false, Postage.SECOND, DEFAULT_MIN_WORKING_DAYS_BEFORE_MEETING);
    }
}
