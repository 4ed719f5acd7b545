package cin.reminders.notice.channel;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Letters' share of Notify's per-key pace ({@code notify.letters-per-minute}), without holding a sending slot. A letter
 * whose turn is a moment away (at most {@link #WAIT_IN_PLACE}) waits for it; one whose turn is further off is handed
 * back with that turn (the dispatcher records the wait and claims it again then), and the turn is kept for it, so it
 * goes when it comes back rather than queueing again. A dispatcher batch therefore never waits on its letters, and
 * texts and emails keep their pace. Turns are kept per replica, as the pace itself is.
 */
final class LetterPace {

    /**
     * Waited in place: a tenth of a second, Notify's whole pace for one letter at 600 a minute. Longer, and letters
     * waiting their turn fill a batch's sending slots (16) and hold texts back to the letters' pace.
     */
    static final Duration WAIT_IN_PLACE = Duration.ofMillis(100);
    /** A kept turn whose letter has not come back this long after it (withdrawn, or taken by another replica) is dropped. */
    private static final long FORGET_AFTER_NANOS = Duration.ofMinutes(10).toNanos();

    /**
     * How late a letter may come back and still have its kept turn: a dispatcher claims it seconds after its turn
     * when other notices were due first. Later than this (held up behind a backlog of texts), it queues afresh.
     */
    static final Duration GRACE = Duration.ofMinutes(1);

    private final NotifyPacer pacer;
    private final long graceNanos;
    private final ConcurrentHashMap<UUID, Long> kept = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    LetterPace(NotifyPacer pacer) {
        this(pacer, GRACE);
    }

    LetterPace(NotifyPacer pacer, Duration grace) {
        this.pacer = pacer;
        this.graceNanos = grace.toNanos();
    }

    /** Completes empty when the letter may go now; with a wait when it should come back after it (its turn is kept). */
    Uni<Optional<Duration>> turn(UUID noticeId) {
        long now = System.nanoTime();
        if (calls.incrementAndGet() % 1000 == 0) {
            kept.values().removeIf(start -> now - start > FORGET_AFTER_NANOS);
        }
        Long mine = kept.remove(noticeId);
        // Its kept turn, unless it came back long after it (held up behind a backlog of texts, say): then the letter
        // queues afresh, so that letters late by minutes never go all at once, far above their share.
        long start = mine != null && mine >= now - graceNanos ? mine : pacer.reserve(now);
        long wait = start - now;
        if (wait <= 0) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (wait <= WAIT_IN_PLACE.toNanos()) {
            return Uni.createFrom().item(Optional.<Duration>empty()).onItem().delayIt()
                    .by(Duration.ofMillis((wait + 999_999) / 1_000_000));
        }
        kept.put(noticeId, start);
        return Uni.createFrom().item(Optional.of(Duration.ofNanos(wait)));
    }

    /** Turns kept for letters handed back (for tests and the metrics). */
    int kept() {
        return kept.size();
    }
}
