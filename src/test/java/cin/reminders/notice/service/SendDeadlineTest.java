package cin.reminders.notice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A claimed notice is handed to its provider only while a send could still finish within the lease. */
class SendDeadlineTest {

    static final Instant CLAIMED = Instant.parse("2026-03-02T08:30:00Z");

    @Test
    void theDefaultLeaseLeavesTheLongestSendTimeoutAndMore() {
        // 2 min lease: sends start within 75 s, so the 30 s SMTP timeout ends 15 s before the lease does
        assertEquals(CLAIMED.plusSeconds(75), Dispatcher.sendBy(CLAIMED, Duration.ofMinutes(2)));
    }

    @Test
    void aShortLeaseKeepsItsSecondHalfForSendsInFlight() {
        assertEquals(CLAIMED.plusMillis(7_500), Dispatcher.sendBy(CLAIMED, Duration.ofSeconds(15)));
        assertEquals(CLAIMED.plusMillis(2_500), Dispatcher.sendBy(CLAIMED, Duration.ofSeconds(5)));
    }
}
