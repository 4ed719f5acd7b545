package cin.reminders.notice.repository;

import cin.reminders.domain.notice.FailureReason;
import java.time.Instant;

/** What became of a claimed notice in one dispatch attempt. */
public sealed interface Outcome {

    ClaimedNotice notice();

    /** Whether the notice's row takes this outcome: a withdrawn notice is deleted, an unsent one stays leased. */
    default boolean updatesRow() {
        return this instanceof Sent || this instanceof Retry || this instanceof Failed;
    }

    /** Whether the notice is done with (sent, failed or withdrawn), so its distribution may be complete. */
    default boolean settled() {
        return this instanceof Sent || this instanceof Failed || this instanceof Withdrawn;
    }

    /** Accepted by the provider. */
    record Sent(ClaimedNotice notice, String provider, String providerId, Integer smsFragments, Boolean smsUnicode)
            implements Outcome {
    }

    /**
     * Back to the queue until {@code at}.
     *
     * @param countsAsAttempt false for a wait that was not the message's fault (quiet hours, a 429)
     */
    record Retry(ClaimedNotice notice, Instant at, String reason, boolean countsAsAttempt) implements Outcome {
    }

    /** Will not be sent. {@code reason} is worded by the templates (contact-failed). */
    record Failed(ClaimedNotice notice, FailureReason reason, String detail) implements Outcome {
    }

    /**
     * Not handed to the provider because its lease was nearly out: nothing is recorded, the notice
     * stays SENDING and lease recovery queues it again.
     */
    record Unsent(ClaimedNotice notice) implements Outcome {
    }

    /** No longer wanted (its obligation closed before it went out). */
    record Withdrawn(ClaimedNotice notice) implements Outcome {
    }
}
