package cin.reminders.domain.delivery;

import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the delivery and retry policies decide for a notice. Each kind knows what it does to the
 * notice's row, so that adapters need no list of kinds to write it.
 */
public sealed interface Verdict permits DeliveryDecision, AttemptDecision {

    /**
     * The status the notice's row is written with; empty when the row is not written with a status:
     * about to be sent (it stays SENDING), or withdrawn (it is deleted).
     */
    Optional<NoticeStatus> writes();

    /** Done with (sent, failed or withdrawn): no dispatcher sends it again, so its distribution may be complete. */
    default boolean settles() {
        return writes().map(NoticeStatus::isFinal).orElse(false);
    }

    /**
     * Back to the queue until {@code at}.
     *
     * @param reason why, for the notice's record
     * @param countsAsAttempt false for a wait that is not the message's fault (quiet hours, a 429)
     */
    record Retry(Instant at, String reason, boolean countsAsAttempt) implements DeliveryDecision, AttemptDecision {

        public Retry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<NoticeStatus> writes() {
            return Optional.of(NoticeStatus.SCHEDULED);
        }
    }

    /**
     * Will not be sent: the recipient cannot be reached this way. What follows is the email instead
     * of a text, or the lead professional told (contact-failed, worded from {@code reason}).
     *
     * @param detail what happened, for the notice's record
     */
    record Fail(FailureReason reason, String detail) implements DeliveryDecision, AttemptDecision {

        public Fail {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public Optional<NoticeStatus> writes() {
            return Optional.of(NoticeStatus.FAILED);
        }
    }
}
