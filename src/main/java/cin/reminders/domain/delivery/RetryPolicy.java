package cin.reminders.domain.delivery;

import cin.reminders.domain.notice.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * What one attempt to send a notice comes to, in the way of db-scheduler's failure handlers: a
 * provider's acceptance is sent; a 429 waits as long as the provider asks, without counting; a
 * permanent failure fails for good; a transient one is tried again with exponential backoff and
 * jitter (by default 30 s, 1 min, 2 min... capped at 5 min, each ±20 %, so that the retries of many
 * notices spread out), until the attempts run out and it gives up.
 * <p>
 * A fault of ours (a template that does not render, a bug while preparing) is never the family's
 * failure: the notice is {@linkplain AttemptDecision.Held held} and tried again, without counting.
 */
public final class RetryPolicy {

    /** Covers the longest send: the channels' timeouts are 20 and 30 s. */
    static final Duration SEND_MARGIN = Duration.ofSeconds(45);
    private static final int MAX_DOUBLINGS = 10;

    private final int maxAttempts;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Duration lease;
    private final DoubleSupplier random;

    /**
     * @param lease how long a claimed notice is held before lease recovery queues it again
     * @param random uniform in [0, 1), for the jitter (injected, so tests are deterministic)
     */
    public RetryPolicy(int maxAttempts, Duration firstRetry, Duration maxRetry, Duration lease, DoubleSupplier random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("the first retry must be positive and no longer than the longest");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the lease must be positive");
        }
        this.maxAttempts = maxAttempts;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.lease = lease;
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param attempts the attempts made so far, this one included
     */
    public AttemptDecision after(SendResult result, int attempts, Instant now) {
        if (result instanceof SendResult.Sent s) {
            return new AttemptDecision.Sent(s.provider(), s.providerId());
        }
        if (result instanceof SendResult.RateLimited r) {
            return new Verdict.Retry(now.plus(r.retryAfter()), "rate limited by the provider", false);
        }
        if (result instanceof SendResult.Deferred d) {
            return new Verdict.Retry(now.plus(d.after()), d.detail(), false);
        }
        if (result instanceof SendResult.Permanent p) {
            return new Verdict.Fail(p.reason(), p.detail());
        }
        SendResult.Transient t = (SendResult.Transient) result;
        if (attempts >= maxAttempts) {
            return new Verdict.Fail(FailureReason.GAVE_UP, "gave up after " + attempts + " attempts: " + t.detail());
        }
        return new Verdict.Retry(now.plus(backoff(attempts)), "retrying: " + t.detail(), true);
    }

    /**
     * A fault of ours while preparing or rendering the notice. It waits the longest retry interval: such
     * a fault is mended by a fix, not by seconds, and every notice it touches would otherwise be rendered
     * and logged again every half minute. The attempt does not count, so the notice never gives up on it.
     */
    public AttemptDecision.Held heldForOurFault(Throwable fault, Instant now) {
        String what = fault.getClass().getSimpleName(); // the class only: a message may carry personal data
        return new AttemptDecision.Held(now.plusMillis(jittered(maxRetry.toMillis())), what,
                "held after a fault of ours (" + what + "), not the recipient's: tried again, not counted as an attempt");
    }

    /**
     * Not handed to its provider because its time ran out (see {@link #sendBy}): queued at once. It
     * counts as an attempt when it was tried before, so that the provider is asked before it goes again.
     */
    public Verdict.Retry notHandedOver(int attempts, Instant now, String reason) {
        return new Verdict.Retry(now, reason, attempts > 1);
    }

    /** The wait before the next attempt after {@code attempts} transient failures. */
    public Duration backoff(int attempts) {
        return Duration.ofMillis(jittered(undelayed(attempts, firstRetry, maxRetry)));
    }

    /** {@link #backoff(int)} with the given settings; {@code random} uniform in [0, 1). */
    public static Duration backoff(int attempts, Duration first, Duration max, double random) {
        return Duration.ofMillis(jitter(undelayed(attempts, first, max), random));
    }

    /** The last instant a notice claimed at {@code claimedAt} may be handed to its provider. */
    public Instant sendBy(Instant claimedAt) {
        return sendBy(claimedAt, lease);
    }

    /**
     * The last instant a notice leased at {@code claimedAt} may be handed to its provider. After it, a
     * send could still be in flight when the lease runs out and recovery asks the provider (which would
     * not have it yet) and queues it again; so the send is left to recovery instead. The margin covers
     * the longest send, and never more than half the lease.
     */
    public static Instant sendBy(Instant claimedAt, Duration lease) {
        Duration half = lease.dividedBy(2);
        Duration margin = half.compareTo(SEND_MARGIN) < 0 ? half : SEND_MARGIN;
        return claimedAt.plus(lease).minus(margin);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** first · 2^(attempts-1), doubling at most ten times, capped at max; in milliseconds. */
    private static long undelayed(int attempts, Duration first, Duration max) {
        long base = first.toMillis() << Math.min(Math.max(attempts - 1, 0), MAX_DOUBLINGS);
        return Math.min(base, max.toMillis());
    }

    private long jittered(long millis) {
        return jitter(millis, random.getAsDouble());
    }

    /** ±20 %. */
    private static long jitter(long millis, double random) {
        return (long) (millis * (0.8 + random * 0.4));
    }
}
