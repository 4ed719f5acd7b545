package cin.reminders.notice.channel;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces GOV.UK Notify traffic under its limit (3,000 requests in any 60 seconds per key) and backs
 * off when Notify answers 429 anyway. Requests are spaced evenly ({@code 60 s / limit} apart), and a
 * request also waits until the one {@code limit} requests before it is more than a minute (plus a
 * margin) old: even spacing alone sits exactly on the limit, so the first late timer tips a rolling
 * window over it. After a 429 every request is held until the pause is over (doubling up to a
 * minute while 429s continue). Non-blocking: a caller is handed a delay, never a sleeping thread.
 */
public final class NotifyPacer {

    private static final Duration MAX_PAUSE = Duration.ofMinutes(1);
    /** Notify counts arrivals, we count departures: a second covers timers firing late and the network between. */
    private static final long WINDOW_NANOS = Duration.ofSeconds(61).toNanos();
    private final long intervalNanos;
    /** Start times of the last {@code limit} requests, oldest at {@link #next}: a rolling window of reservations. */
    private final long[] window;
    private int next;
    private final AtomicLong pausedUntil = new AtomicLong(0);
    private final AtomicLong pauseNanos = new AtomicLong(Duration.ofSeconds(1).toNanos());

    public NotifyPacer(int perMinute) {
        this.intervalNanos = Duration.ofMinutes(1).toNanos() / perMinute;
        this.window = new long[perMinute];
        java.util.Arrays.fill(window, Long.MIN_VALUE / 2);
    }

    /** Completes when this request may go. */
    public Uni<Void> acquire() {
        long now = System.nanoTime();
        long start = reserve(Math.max(now, pausedUntil.get()));
        long wait = start - now;
        // Whole milliseconds, rounded up: the timers underneath refuse a delay under 1 ms (Vert.x threw
        // IllegalArgumentException, and the text was retried a backoff later: the fault suite's late SMS).
        return wait <= 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis((wait + 999_999) / 1_000_000));
    }

    /** The earliest start at or after {@code earliest} that keeps both the spacing and the rolling window. */
    synchronized long reserve(long earliest) {
        long previous = window[(next + window.length - 1) % window.length];
        long start = Math.max(earliest, Math.max(previous + intervalNanos, window[next] + WINDOW_NANOS));
        window[next] = start;
        next = (next + 1) % window.length;
        return start;
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
