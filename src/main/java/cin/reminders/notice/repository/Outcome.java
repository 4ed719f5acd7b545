package cin.reminders.notice.repository;

import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeStatus;
import java.time.Instant;
import java.util.Optional;

/** What became of a claimed notice in one dispatch attempt. Each outcome says what it makes of the notice's row. */
public sealed interface Outcome {

    ClaimedNotice notice();

    /**
     * The notice's row after this outcome; empty when the row does not take it (a withdrawn notice is
     * deleted, an unsent one stays leased).
     */
    Optional<Row> row();

    /** Whether the notice is done with (sent, failed or withdrawn), so its distribution may be complete. */
    default boolean settled() {
        return row().map(r -> r.status().isFinal()).orElse(deletesRow());
    }

    /** Whether its row is deleted (a withdrawn notice). */
    default boolean deletesRow() {
        return false;
    }

    /**
     * When it happened, where that is not when it is recorded: the instant a provider accepted a sent notice, which is
     * its {@code sent_at} (a staged reminder is recorded after its whole wave has gone). Empty: the time of recording.
     */
    default Optional<Instant> happenedAt() {
        return Optional.empty();
    }

    /** Whether it is recorded the moment its provider answers, not with its batch (a sent notice). */
    default boolean recordedAtOnce() {
        return false;
    }

    /** Its name in metrics: SENT, RETRY, FAILED, UNSENT, WITHDRAWN. */
    default String metricName() {
        return getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * A notice row as an outcome leaves it.
     *
     * @param nextAttemptAt when a notice back in the queue is tried again, else null
     * @param attempted whether this attempt counts (a wait that was not the message's fault does not)
     */
    record Row(NoticeStatus status, Instant nextAttemptAt, boolean attempted, String provider, String providerId,
               String reason, Integer smsFragments, Boolean smsUnicode) {

        /** This row, with the given next attempt and reason where it has none (a notice written for the first time). */
        public Row orElse(Instant defaultNextAttemptAt, String defaultReason) {
            return new Row(status, nextAttemptAt == null ? defaultNextAttemptAt : nextAttemptAt, attempted, provider,
                    providerId, reason == null ? defaultReason : reason, smsFragments, smsUnicode);
        }
    }

    /** Accepted by the provider, at {@code acceptedAt}. */
    record Sent(ClaimedNotice notice, String provider, String providerId, Integer smsFragments, Boolean smsUnicode,
                Instant acceptedAt) implements Outcome {

        @Override
        public Optional<Instant> happenedAt() {
            return Optional.ofNullable(acceptedAt);
        }

        @Override
        public Optional<Row> row() {
            return Optional.of(new Row(NoticeStatus.SENT, null, true, provider, providerId, null, smsFragments, smsUnicode));
        }

        @Override
        public boolean recordedAtOnce() {
            return true;
        }
    }

    /**
     * Back to the queue until {@code at}.
     *
     * @param countsAsAttempt false for a wait that was not the message's fault (quiet hours, a 429)
     */
    record Retry(ClaimedNotice notice, Instant at, String reason, boolean countsAsAttempt) implements Outcome {

        @Override
        public Optional<Row> row() {
            return Optional.of(new Row(NoticeStatus.SCHEDULED, at, countsAsAttempt, null, null, reason, null, null));
        }
    }

    /** Will not be sent. {@code reason} is worded by the templates (contact-failed). */
    record Failed(ClaimedNotice notice, FailureReason reason, String detail) implements Outcome {

        @Override
        public Optional<Row> row() {
            return Optional.of(new Row(NoticeStatus.FAILED, null, true, null, null, detail, null, null));
        }
    }

    /**
     * Not handed to the provider because its lease was nearly out: nothing is recorded, the notice
     * stays SENDING and lease recovery queues it again.
     */
    record Unsent(ClaimedNotice notice) implements Outcome {

        @Override
        public Optional<Row> row() {
            return Optional.empty();
        }
    }

    /** No longer wanted (its obligation closed before it went out): its row is deleted. */
    record Withdrawn(ClaimedNotice notice) implements Outcome {

        @Override
        public Optional<Row> row() {
            return Optional.empty();
        }

        @Override
        public boolean deletesRow() {
            return true;
        }
    }
}
