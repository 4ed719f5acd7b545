package cin.reminders.notice.channel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pacer's schedule, read without waiting for it: reservations made all at once for a burst. */
class NotifyPacerTest {

    static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void noRollingMinuteHoldsMoreThanTheLimitEvenWhenEverythingAsksAtOnce() {
        int limit = 300;
        NotifyPacer pacer = new NotifyPacer(limit);
        long[] starts = new long[3 * limit + 7];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = pacer.reserve(0);
        }
        for (int i = 1; i < starts.length; i++) {
            assertTrue(starts[i] - starts[i - 1] >= MINUTE / limit, "evenly spaced at " + i);
        }
        for (int i = limit; i < starts.length; i++) {
            // request i and the `limit` before it span more than a minute: no 60 s window holds limit + 1
            assertTrue(starts[i] - starts[i - limit] > MINUTE, "window at " + i);
        }
        // ...and the rate stays close to the limit: three minutes' worth in a little over three minutes
        assertTrue(starts[3 * limit - 1] - starts[0] < 3 * MINUTE + Duration.ofSeconds(4).toNanos());
    }

    @Test
    void aRequestAfterAQuietSpellGoesAtOnce() {
        NotifyPacer pacer = new NotifyPacer(3000);
        long now = Duration.ofHours(1).toNanos();
        assertTrue(pacer.reserve(now) == now);
        assertTrue(pacer.reserve(now + Duration.ofSeconds(5).toNanos()) == now + Duration.ofSeconds(5).toNanos());
    }
}
