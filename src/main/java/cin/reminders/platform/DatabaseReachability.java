package cin.reminders.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When this replica last failed to reach PostgreSQL. Lease recovery waits until the database has
 * been reachable for a while: after an outage, a dispatcher that sent messages while the database
 * was away records them within a few seconds of its return, and recovering their leases before
 * that would send them again.
 */
@ApplicationScoped
public class DatabaseReachability {

    private final AtomicLong lastFailureNanos = new AtomicLong(System.nanoTime() - Duration.ofDays(1).toNanos());

    /** Notes a failure if it says the database could not be reached (or is restarting). */
    public void failed(Throwable failure) {
        if (TransientFailures.isTransient(failure)) {
            lastFailureNanos.set(System.nanoTime());
        }
    }

    /** True when no transient database failure was seen for {@code period}. */
    public boolean steadyFor(Duration period) {
        return System.nanoTime() - lastFailureNanos.get() >= period.toNanos();
    }
}
