package cin.reminders.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lease recovery waits on this after a database outage; only failures to reach the database count. */
class DatabaseReachabilityTest {

    @Test
    void steadyUntilTheDatabaseCannotBeReached() {
        DatabaseReachability reachability = new DatabaseReachability();
        assertTrue(reachability.steadyFor(Duration.ofMinutes(10)), "nothing failed since start");
        reachability.failed(new RuntimeException("wrapped", new IOException("Connection refused")));
        assertFalse(reachability.steadyFor(Duration.ofSeconds(15)), "just failed to reach it");
        assertTrue(reachability.steadyFor(Duration.ZERO));
    }

    @Test
    void aFailureThatIsNotAboutReachingTheDatabaseDoesNotHoldRecoveryBack() {
        DatabaseReachability reachability = new DatabaseReachability();
        reachability.failed(new IllegalStateException("a bug, not an outage"));
        assertTrue(reachability.steadyFor(Duration.ofSeconds(15)));
    }
}
