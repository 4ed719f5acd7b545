package cin.reminders.notice.channel;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces GOV.UK Notify traffic under its limit (3,000 requests a minute per key) and backs off when
 * Notify answers 429 anyway: spacing requests evenly ({@code 60 s / limit} apart) rather than
 * bursting, and, after a 429, holding every request until the pause is over (doubling up to a
 * minute while 429s continue). Non-blocking: a caller is handed a delay, never a sleeping thread.
 */
public final class NotifyPacer {

    private static final Duration MAX_PAUSE = Duration.ofMinutes(1);
    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    private final AtomicLong pausedUntil = new AtomicLong(0);
    private final AtomicLong pauseNanos = new AtomicLong(Duration.ofSeconds(1).toNanos());

    public NotifyPacer(int perMinute) {
        this.intervalNanos = Duration.ofMinutes(1).toNanos() / perMinute;
    }

    /** Completes when this request may go. */
    public Uni<Void> acquire() {
        long now = System.nanoTime();
        long slot = nextSlot.getAndAccumulate(now, (prev, n) -> Math.max(prev, n) + intervalNanos);
        long start = Math.max(Math.max(slot, now), pausedUntil.get());
        long wait = start - now;
        return wait <= 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(wait));
    }

    /** Notify said 429: hold everything for a while, longer each time it repeats. */
    public Duration rateLimited() {
        long pause = pauseNanos.getAndUpdate(p -> Math.min(p * 2, MAX_PAUSE.toNanos()));
        pausedUntil.accumulateAndGet(System.nanoTime() + pause, Math::max);
        return Duration.ofNanos(pause);
    }

    /** A request went through: the next 429 starts the backoff afresh. */
    public void succeeded() {
        pauseNanos.set(Duration.ofSeconds(1).toNanos());
    }
}
