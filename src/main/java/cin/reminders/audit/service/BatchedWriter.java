package cin.reminders.audit.service;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A bounded in-memory queue written out in batches, one flush at a time. Adding never waits and never fails: when
 * the queue is full the item is dropped and counted. A batch whose write fails goes back to the front of the queue
 * (as much of it as there is room for; the rest is dropped and counted) and is tried again by the next flush.
 * Plain Java and Mutiny, so its logic is tested without a database.
 */
final class BatchedWriter<T> {

    private final int capacity;
    private final int batchSize;
    private final Function<List<T>, Uni<Void>> write;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    /** The items of the batch being written: no longer queued, not yet written. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param capacity the most items queued at once
     * @param batchSize the most items one write gets
     * @param write writes one batch
     */
    BatchedWriter(int capacity, int batchSize, Function<List<T>, Uni<Void>> write) {
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("capacity and batch size must be at least 1");
        }
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.write = write;
    }

    /** Queues the item; false when the queue is full (the item is dropped and counted). */
    boolean offer(T item) {
        synchronized (queue) {
            if (queue.size() < capacity) {
                queue.addLast(item);
                return true;
            }
        }
        dropped.incrementAndGet();
        return false;
    }

    /** Whether a whole batch is waiting: worth a flush now rather than at the next tick. */
    boolean batchWaiting() {
        return queued() >= batchSize;
    }

    int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    int capacity() {
        return capacity;
    }

    /**
     * Writes what is queued, a batch at a time, until the queue is empty. One flush runs at a time: a flush that
     * finds another under way does nothing (answers 0), as the one under way goes on until the queue is empty. A
     * failed write ends the flush with its failure, its batch back at the front of the queue.
     *
     * @return how many items this flush wrote
     */
    Uni<Integer> flush() {
        return Uni.createFrom().deferred(() -> {
            if (!flushing.compareAndSet(false, true)) {
                return Uni.createFrom().item(0);
            }
            return writeFrom(0).onTermination().invoke(() -> flushing.set(false));
        });
    }

    private Uni<Integer> writeFrom(int sofar) {
        List<T> batch = take();
        if (batch.isEmpty()) {
            return Uni.createFrom().item(sofar);
        }
        inFlight.set(batch.size());
        return Uni.createFrom().deferred(() -> write.apply(batch))
                .onFailure().invoke(() -> putBack(batch))
                .onTermination().invoke(() -> inFlight.set(0))
                .chain(() -> {
                    written.addAndGet(batch.size());
                    return writeFrom(sofar + batch.size());
                });
    }

    /**
     * For a stop: flushes until the queue is empty, a write fails or {@code wait} is up, waiting for a flush
     * already under way.
     *
     * @return the items not written: still queued, or in a write that has not finished (0: everything was written)
     */
    int drain(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (queued() > 0 || flushing.get()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (flushing.get()) {
                LockSupport.parkNanos(Math.min(left, 10_000_000L));
                continue;
            }
            try {
                flush().await().atMost(Duration.ofNanos(left));
            } catch (RuntimeException failedOrTimedOut) {
                break; // the database is away or slow: what is left stays counted as queued
            }
        }
        return queued() + inFlight.get();
    }

    private List<T> take() {
        synchronized (queue) {
            int n = Math.min(batchSize, queue.size());
            List<T> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(queue.pollFirst());
            }
            return batch;
        }
    }

    /** A failed batch, back at the front in its own order; what no longer fits (newer items came in) is dropped. */
    private void putBack(List<T> batch) {
        int lost;
        synchronized (queue) {
            int room = capacity - queue.size();
            int keep = Math.min(room, batch.size());
            for (int i = keep - 1; i >= 0; i--) {
                queue.addFirst(batch.get(i));
            }
            lost = batch.size() - keep;
        }
        dropped.addAndGet(lost);
    }
}
