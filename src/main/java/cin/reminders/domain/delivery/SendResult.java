package cin.reminders.domain.delivery;

import cin.reminders.domain.notice.FailureReason;
import java.time.Duration;

/** What a provider made of a message. */
public sealed interface SendResult {

    /** Accepted by the provider. */
    record Sent(String provider, String providerId) implements SendResult {
    }

    /** Worth retrying later: a 5xx, a timeout, a refused connection. */
    record Transient(String detail) implements SendResult {
    }

    /** The provider asks us to slow down (Notify's 429): not the message's fault, so not an attempt. */
    record RateLimited(Duration retryAfter) implements SendResult {
    }

    /**
     * Not sent yet: the provider's allowance is used up for now (Notify's daily letter limit; letters' share of the
     * pace). Not the message's fault, so not an attempt; it waits {@code after} (relative, so that it holds on the
     * service's clock), and the wait is recorded.
     */
    record Deferred(Duration after, String detail) implements SendResult {
    }

    /** Will fail again however often we try (400, 403, an invalid number). */
    record Permanent(FailureReason reason, String detail) implements SendResult {
    }
}
