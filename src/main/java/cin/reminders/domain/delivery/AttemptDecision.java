package cin.reminders.domain.delivery;

import cin.reminders.domain.notice.NoticeStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What {@link RetryPolicy} makes of one attempt: sent, to be tried again, failed for good, or held for a fault of ours. */
public sealed interface AttemptDecision extends Verdict
        permits AttemptDecision.Sent, AttemptDecision.Held, Verdict.Retry, Verdict.Fail {

    /** Accepted by the provider. */
    record Sent(String provider, String providerId) implements AttemptDecision {

        public Sent {
            Objects.requireNonNull(provider, "provider");
        }

        @Override
        public Optional<NoticeStatus> writes() {
            return Optional.of(NoticeStatus.SENT);
        }
    }

    /**
     * Not sent because of a fault of ours (a template that does not render, a bug while preparing):
     * back to the queue until {@code at}, not counted as an attempt, and never recorded as the family
     * being unreachable. Written as a retry that does not count; worth a stack trace and a metric.
     *
     * @param fault what failed (the exception's class), never personal data
     */
    record Held(Instant at, String fault, String reason) implements AttemptDecision {

        public Held {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(reason, "reason");
        }

        /** As the queue takes it: a retry that is not the message's fault. */
        public Verdict.Retry asRetry() {
            return new Verdict.Retry(at, reason, false);
        }

        @Override
        public Optional<NoticeStatus> writes() {
            return Optional.of(NoticeStatus.SCHEDULED);
        }
    }
}
