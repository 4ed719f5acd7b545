package cin.reminders.notice.service;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The order of a graceful stop, in one place: take no new work; let every batch in flight that sends or leases
 * (the dispatcher's, the reminder firing's and reminder staging's alike) finish and record its outcomes, up to a
 * bound; give back what this replica still holds; and only then close the channels, so no send in flight is
 * refused by a pool that closed under it.
 */
public final class GracefulStop {

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Whether a stop has begun: loops take no new work. */
    public boolean stopping() {
        return stopping.get();
    }

    /** Batches running now. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Runs a sending (or staging) batch, counted as in flight from subscription to its end (success, failure or
     * cancellation); once a stop has begun, the batch does not run and {@code whenStopping} is the answer.
     * Counted before the stop is checked, so a stop either sees the batch in flight or the batch sees the stop.
     */
    public <T> Uni<T> track(Supplier<Uni<T>> batch, T whenStopping) {
        return Uni.createFrom().deferred(() -> {
            inFlight.incrementAndGet();
            if (stopping.get()) {
                inFlight.decrementAndGet();
                return Uni.createFrom().item(whenStopping);
            }
            return batch.get().onTermination().invoke(inFlight::decrementAndGet);
        });
    }

    /**
     * Stops: waits up to {@code wait} for the batches in flight, then runs {@code release} and
     * {@code closeChannels}, in that order, whatever the wait ended with.
     *
     * @return the batches still in flight when it stopped waiting (0: every batch recorded its outcomes)
     */
    public int stop(Duration wait, Runnable release, Runnable closeChannels) {
        stopping.set(true);
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
        }
        int left = inFlight.get();
        try {
            release.run();
        } finally {
            closeChannels.run();
        }
        return left;
    }
}
