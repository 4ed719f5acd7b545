package cin.reminders.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every branch of the retry policy, with the jitter pinned. */
class RetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-03-02T08:30:00Z");
    static final Duration LEASE = Duration.ofMinutes(2);

    /** The defaults, with the jitter at its middle (×1.0). */
    static RetryPolicy policy(double random) {
        return new RetryPolicy(20, Duration.ofSeconds(30), Duration.ofMinutes(5), LEASE, () -> random);
    }

    final RetryPolicy policy = policy(0.5);

    /** Notify's daily letter limit, or letters' share of the pace: wait as long as asked, not an attempt, never given up. */
    @Test
    void aDeferralWaitsAsLongAsAskedAndIsNoAttempt() {
        SendResult.Deferred d = new SendResult.Deferred(Duration.ofHours(15), "Notify's daily letter limit reached");
        assertEquals(new Verdict.Retry(NOW.plus(Duration.ofHours(15)), "Notify's daily letter limit reached", false),
                policy.after(d, 20, NOW));
    }

    @Test
    void acceptedBySentWritesSent() {
        AttemptDecision d = policy.after(new SendResult.Sent("notify", "n-1"), 1, NOW);
        assertEquals(new AttemptDecision.Sent("notify", "n-1"), d);
        assertEquals(Optional.of(NoticeStatus.SENT), d.writes());
        assertTrue(d.settles());
    }

    @Test
    void rateLimitedWaitsAsAskedWithoutCountingHoweverManyAttempts() {
        assertEquals(new Verdict.Retry(NOW.plusSeconds(7), "rate limited by the provider", false),
                policy.after(new SendResult.RateLimited(Duration.ofSeconds(7)), 20, NOW));
    }

    @Test
    void aPermanentFailureFailsAtOnceWithItsReason() {
        for (FailureReason reason : FailureReason.values()) {
            assertEquals(new Verdict.Fail(reason, "Notify 400"), policy.after(new SendResult.Permanent(reason, "Notify 400"), 1, NOW));
        }
    }

    @Test
    void aTransientFailureIsRetriedAfterTheBackoffAndCounts() {
        assertEquals(new Verdict.Retry(NOW.plusSeconds(30), "retrying: Notify 503", true),
                policy.after(new SendResult.Transient("Notify 503"), 1, NOW));
        assertEquals(new Verdict.Retry(NOW.plusSeconds(120), "retrying: timeout", true),
                policy.after(new SendResult.Transient("timeout"), 3, NOW));
        assertEquals(new Verdict.Retry(NOW.plusSeconds(300), "retrying: timeout", true),
                policy.after(new SendResult.Transient("timeout"), 19, NOW));
    }

    @Test
    void aTransientFailureGivesUpWhenTheAttemptsRunOut() {
        assertEquals(new Verdict.Fail(FailureReason.GAVE_UP, "gave up after 20 attempts: Notify 503"),
                policy.after(new SendResult.Transient("Notify 503"), 20, NOW));
        assertEquals(new Verdict.Fail(FailureReason.GAVE_UP, "gave up after 21 attempts: reset"),
                policy.after(new SendResult.Transient("reset"), 21, NOW));
        RetryPolicy once = new RetryPolicy(1, Duration.ofSeconds(30), Duration.ofMinutes(5), LEASE, () -> 0.5);
        assertInstanceOf(Verdict.Fail.class, once.after(new SendResult.Transient("x"), 1, NOW));
    }

    @Test
    void backoffDoublesFrom30SecondsUpTo5Minutes() {
        assertEquals(Duration.ofSeconds(30), policy.backoff(0));
        assertEquals(Duration.ofSeconds(30), policy.backoff(1));
        assertEquals(Duration.ofSeconds(60), policy.backoff(2));
        assertEquals(Duration.ofSeconds(120), policy.backoff(3));
        assertEquals(Duration.ofSeconds(240), policy.backoff(4));
        assertEquals(Duration.ofSeconds(300), policy.backoff(5));
        assertEquals(Duration.ofSeconds(300), policy.backoff(1_000));
    }

    @Test
    void theJitterIsPlusOrMinus20Percent() {
        assertEquals(Duration.ofSeconds(24), policy(0.0).backoff(1));
        assertEquals(Duration.ofSeconds(240), policy(0.0).backoff(9));
        assertEquals(Duration.ofMillis(35_999), policy(0.99999).backoff(1));
        assertEquals(Duration.ofMillis(48_000), RetryPolicy.backoff(2, Duration.ofSeconds(30), Duration.ofMinutes(5), 0.0));
    }

    @Test
    void aFaultOfOursIsHeldForTheLongestIntervalNeverCountedNeverFailed() {
        AttemptDecision.Held held = policy.heldForOurFault(new IllegalStateException("template bug: Alex Taylor"), NOW);
        assertEquals(NOW.plus(Duration.ofMinutes(5)), held.at());
        assertEquals("IllegalStateException", held.fault());
        assertFalse(held.reason().contains("Alex"), "the exception's message may carry personal data");
        assertTrue(held.reason().contains("fault of ours"), held.reason());
        assertEquals(Optional.of(NoticeStatus.SCHEDULED), held.writes());
        assertFalse(held.settles());
        assertEquals(new Verdict.Retry(held.at(), held.reason(), false), held.asRetry());
        assertEquals(NOW.plus(Duration.ofMinutes(4)), policy(0.0).heldForOurFault(new RuntimeException(), NOW).at());
    }

    @Test
    void aNoticeNotHandedOverInTimeIsQueuedAtOnceCountingOnlyIfTriedBefore() {
        assertEquals(new Verdict.Retry(NOW, "the reminder batch ran out of time", false),
                policy.notHandedOver(1, NOW, "the reminder batch ran out of time"));
        assertEquals(new Verdict.Retry(NOW, "the reminder batch ran out of time", true),
                policy.notHandedOver(2, NOW, "the reminder batch ran out of time"));
    }

    @Test
    void sendsStartEarlyEnoughToFinishWithinTheLease() {
        // 2 min lease: 45 s margin
        assertEquals(NOW.plusSeconds(75), policy.sendBy(NOW));
        assertFalse(NOW.plusSeconds(75).isAfter(policy.sendBy(NOW)));
        assertTrue(NOW.plusSeconds(75).plusMillis(1).isAfter(policy.sendBy(NOW)));
        // a short lease keeps its second half for sends in flight
        assertEquals(NOW.plusMillis(7_500), RetryPolicy.sendBy(NOW, Duration.ofSeconds(15)));
        assertEquals(NOW.plusSeconds(30), RetryPolicy.sendBy(NOW, Duration.ofSeconds(60)));
        assertEquals(NOW.plusSeconds(90), RetryPolicy.sendBy(NOW, Duration.ofSeconds(135)));
        assertEquals(NOW.plus(Duration.ofMinutes(10)).minusSeconds(45), RetryPolicy.sendBy(NOW, Duration.ofMinutes(10)));
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ofSeconds(30), Duration.ofMinutes(5), LEASE, () -> 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(20, Duration.ZERO, Duration.ofMinutes(5), LEASE, () -> 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(20, Duration.ofMinutes(6), Duration.ofMinutes(5), LEASE, () -> 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(20, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ZERO, () -> 0.5));
    }
}
