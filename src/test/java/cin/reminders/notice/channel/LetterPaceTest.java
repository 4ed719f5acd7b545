package cin.reminders.notice.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Letters' share of the pace never holds a sending slot: a letter whose turn is more than a moment away is handed back
 * with the wait until its turn, which is kept for it, so it goes when it comes back instead of queueing again.
 */
class LetterPaceTest {

    /** When the turn falls, measured now. */
    static Instant at(Duration wait) {
        return Instant.now().plus(wait);
    }

    @Test
    void aLetterWhoseTurnIsFarOffIsHandedBackAndItsTurnIsKept() {
        LetterPace pace = new LetterPace(new NotifyPacer(30)); // a letter every two seconds
        UUID second = UUID.randomUUID();
        assertEquals(Optional.empty(), pace.turn(UUID.randomUUID()).await().atMost(Duration.ofSeconds(1)));
        Duration later = pace.turn(second).await().atMost(Duration.ofMillis(200)).orElseThrow(); // at once: no slot held
        assertTrue(later.toMillis() > 1500 && later.toMillis() < 3000, "handed back with its turn: " + later);
        Instant turn = at(later);
        assertEquals(1, pace.kept());
        // Asked again before its turn: handed back with the same turn, not a new one.
        Duration again = pace.turn(second).await().atMost(Duration.ofMillis(200)).orElseThrow();
        assertTrue(Math.abs(Duration.between(turn, at(again)).toMillis()) < 200, again.toString());
        // Five more letters: each handed back at once, each turn two seconds after the one before.
        Instant previous = turn;
        for (int i = 0; i < 5; i++) {
            Instant next = at(pace.turn(UUID.randomUUID()).await().atMost(Duration.ofMillis(200)).orElseThrow());
            assertTrue(Duration.between(previous, next).toMillis() >= 1800, previous + " then " + next);
            previous = next;
        }
        assertEquals(6, pace.kept());
        // The second letter, asked again at its turn, goes: it does not queue behind the five.
        await().atMost(Duration.ofSeconds(5)).until(() -> pace.turn(second).await().atMost(Duration.ofSeconds(2)).isEmpty());
        assertEquals(5, pace.kept());
    }

    /**
     * A letter back long after its turn (held up behind texts; here over a grace of half a second) queues afresh:
     * letters late by minutes never go all at once.
     */
    @Test
    void aLetterBackLongAfterItsTurnQueuesAfresh() {
        LetterPace pace = new LetterPace(new NotifyPacer(30), Duration.ofMillis(500));
        UUID late = UUID.randomUUID();
        assertEquals(Optional.empty(), pace.turn(UUID.randomUUID()).await().atMost(Duration.ofSeconds(1)));
        Instant turn = at(pace.turn(late).await().atMost(Duration.ofMillis(200)).orElseThrow());
        // It does not come back until well after its turn: by then two more letters have gone in its place.
        await().atMost(Duration.ofSeconds(8)).until(() -> Instant.now().isAfter(turn.plusSeconds(1)));
        for (int i = 0; i < 2; i++) {
            pace.turn(UUID.randomUUID()).await().atMost(Duration.ofSeconds(3));
        }
        Optional<Duration> again = pace.turn(late).await().atMost(Duration.ofMillis(200));
        assertTrue(again.isPresent() && at(again.get()).isAfter(turn.plusSeconds(2)), "queued afresh: " + again);
    }
}
