package cin.reminders.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.notice.FailureReason;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The retry policy's bounds, for any attempt count, jitter and settings. */
class RetryPolicyProperties {

    static final Instant NOW = Instant.parse("2026-03-02T08:30:00Z");

    /** Within [0.8, 1.2) of min(first · 2^(n-1), max), to the millisecond; the doubling stops after ten. */
    @Property(tries = 2000)
    void backoffStaysWithinTwentyPercentOfTheCappedDoubling(@ForAll @IntRange(min = 0, max = 200) int attempts,
                                                            @ForAll @LongRange(min = 1, max = 600_000) long firstMillis,
                                                            @ForAll @LongRange(min = 0, max = 3_600_000) long extraMillis,
                                                            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration first = Duration.ofMillis(firstMillis);
        Duration max = first.plusMillis(extraMillis);
        double expected = Math.min(firstMillis * Math.pow(2, Math.min(Math.max(attempts - 1, 0), 10)), max.toMillis());
        long backoff = RetryPolicy.backoff(attempts, first, max, random).toMillis();
        assertTrue(backoff >= Math.floor(0.8 * expected) && backoff < 1.2 * expected,
                backoff + " for " + expected);
    }

    /** With the defaults the cap comes long before the doubling stops: exactly min(30 s · 2^(n-1), 5 min) ±20 %. */
    @Property(tries = 1000)
    void withTheDefaultsTheBackoffIsTheTextbookOne(@ForAll @IntRange(min = 1, max = 1_000) int attempts,
                                                   @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        RetryPolicy policy = new RetryPolicy(20, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(2),
                () -> random);
        double expected = Math.min(30_000 * Math.pow(2, attempts - 1), 300_000);
        long backoff = policy.backoff(attempts).toMillis();
        assertTrue(backoff >= Math.floor(0.8 * expected) && backoff < 1.2 * expected, backoff + " for " + expected);
    }

    /** A transient failure counts and is retried until the attempts run out, then gives up; never sooner, never later. */
    @Property(tries = 500)
    void transientFailuresGiveUpExactlyWhenTheAttemptsRunOut(@ForAll @IntRange(min = 1, max = 50) int maxAttempts,
                                                             @ForAll @IntRange(min = 0, max = 60) int attempts) {
        RetryPolicy policy = new RetryPolicy(maxAttempts, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofMinutes(2), () -> 0.5);
        AttemptDecision d = policy.after(new SendResult.Transient("503"), attempts, NOW);
        if (attempts >= maxAttempts) {
            assertEquals(FailureReason.GAVE_UP, assertInstanceOf(Verdict.Fail.class, d).reason());
        } else {
            Verdict.Retry retry = assertInstanceOf(Verdict.Retry.class, d);
            assertTrue(retry.countsAsAttempt());
            assertTrue(retry.at().isAfter(NOW));
        }
    }

    /** A 429 and a fault of ours never count and never fail, however many attempts came before. */
    @Property(tries = 500)
    void neitherARateLimitNorAFaultOfOursEverFailsOrCounts(@ForAll @IntRange(min = 0, max = 1_000) int attempts,
                                                           @ForAll @LongRange(min = 0, max = 3_600) long retryAfter) {
        RetryPolicy policy = new RetryPolicy(20, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(2),
                () -> 0.5);
        Verdict.Retry limited = assertInstanceOf(Verdict.Retry.class,
                policy.after(new SendResult.RateLimited(Duration.ofSeconds(retryAfter)), attempts, NOW));
        assertFalse(limited.countsAsAttempt());
        AttemptDecision.Held held = policy.heldForOurFault(new IllegalStateException(), NOW);
        assertFalse(held.asRetry().countsAsAttempt());
        assertTrue(held.at().isAfter(NOW));
    }

    /** A send starts in the lease's first half or earlier, and at least 45 s (or half the lease) before it ends. */
    @Property(tries = 1000)
    void theSendDeadlineLeavesTheLongestSendInsideTheLease(@ForAll @LongRange(min = 2, max = 86_400_000) long leaseMillis) {
        Duration lease = Duration.ofMillis(leaseMillis);
        Instant by = RetryPolicy.sendBy(NOW, lease);
        Instant end = NOW.plus(lease);
        assertFalse(by.isBefore(NOW.plus(lease.dividedBy(2))), "never earlier than half the lease");
        Duration left = Duration.between(by, end);
        Duration wanted = Duration.ofSeconds(45).compareTo(lease.dividedBy(2)) < 0 ? Duration.ofSeconds(45) : lease.dividedBy(2);
        assertEquals(wanted, left, "45 s left for the send, or half the lease when that is shorter");
        assertTrue(by.isBefore(end));
    }
}
