package cin.reminders.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The access log's queue in milliseconds: writes are plain Unis the test completes or fails. */
class BatchedWriterTest {

    private final List<List<Integer>> writes = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();

    /** Each write waits until the test completes it. */
    private BatchedWriter<Integer> held(int capacity, int batchSize) {
        return new BatchedWriter<>(capacity, batchSize, batch -> {
            writes.add(batch);
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            return Uni.createFrom().completionStage(done);
        });
    }

    /** Each write succeeds at once. */
    private BatchedWriter<Integer> immediate(int capacity, int batchSize) {
        return new BatchedWriter<>(capacity, batchSize, batch -> {
            writes.add(batch);
            return Uni.createFrom().voidItem();
        });
    }

    @Test
    void aFlushWritesEverythingQueuedInBatchesInOrder() {
        BatchedWriter<Integer> writer = immediate(100, 3);
        for (int i = 1; i <= 7; i++) {
            assertTrue(writer.offer(i));
        }
        assertTrue(writer.batchWaiting());
        assertEquals(7, writer.flush().await().indefinitely());
        assertEquals(List.of(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7)), writes);
        assertEquals(7, writer.written());
        assertEquals(0, writer.queued());
        assertFalse(writer.batchWaiting());
        assertEquals(0, writer.flush().await().indefinitely(), "nothing queued, nothing written");
        assertEquals(3, writes.size());
    }

    @Test
    void aFullQueueDropsAndCountsWithoutWaiting() {
        BatchedWriter<Integer> writer = immediate(2, 10);
        assertTrue(writer.offer(1));
        assertTrue(writer.offer(2));
        assertFalse(writer.offer(3));
        assertEquals(1, writer.dropped());
        assertEquals(2, writer.queued());
        writer.flush().await().indefinitely();
        assertEquals(List.of(List.of(1, 2)), writes);
        assertTrue(writer.offer(4), "room again once written");
    }

    @Test
    void oneFlushAtATimeAndItTakesWhatArrivesMeanwhile() {
        BatchedWriter<Integer> writer = held(100, 2);
        writer.offer(1);
        writer.offer(2);
        writer.offer(3);
        CompletableFuture<Integer> first = writer.flush().subscribeAsCompletionStage();
        assertEquals(0, writer.flush().await().indefinitely(), "a second flush leaves it to the one under way");
        writer.offer(4);
        pending.get(0).complete(null);
        pending.get(1).complete(null);
        assertTrue(first.isDone());
        assertEquals(4, first.join());
        assertEquals(List.of(List.of(1, 2), List.of(3, 4)), writes);
    }

    @Test
    void aFailedBatchGoesBackToTheFrontAndIsWrittenNextTime() {
        BatchedWriter<Integer> writer = held(100, 2);
        writer.offer(1);
        writer.offer(2);
        writer.offer(3);
        CompletableFuture<Integer> failing = writer.flush().subscribeAsCompletionStage();
        writer.offer(4);
        pending.get(0).completeExceptionally(new IllegalStateException("database away"));
        assertTrue(failing.isCompletedExceptionally());
        assertEquals(4, writer.queued());
        assertEquals(0, writer.written());
        assertEquals(0, writer.dropped());

        CompletableFuture<Integer> retry = writer.flush().subscribeAsCompletionStage();
        pending.get(1).complete(null);
        pending.get(2).complete(null);
        assertEquals(4, retry.join());
        assertEquals(List.of(1, 2), writes.get(1), "the failed batch first, in its order");
        assertEquals(List.of(3, 4), writes.get(2));
        assertEquals(4, writer.written());
    }

    @Test
    void aFailedBatchThatNoLongerFitsIsDroppedAndCounted() {
        BatchedWriter<Integer> writer = held(3, 2);
        writer.offer(1);
        writer.offer(2);
        writer.offer(3);
        CompletableFuture<Integer> failing = writer.flush().subscribeAsCompletionStage(); // takes 1, 2; 3 stays
        writer.offer(4);
        writer.offer(5); // the queue is full again: 3, 4, 5
        pending.get(0).completeExceptionally(new IllegalStateException("database away"));
        assertTrue(failing.isCompletedExceptionally());
        assertEquals(3, writer.queued());
        assertEquals(2, writer.dropped());
    }

    @Test
    void drainWritesWhatIsQueuedAndGivesUpWhenWritesFail() {
        BatchedWriter<Integer> writer = immediate(100, 2);
        for (int i = 0; i < 5; i++) {
            writer.offer(i);
        }
        assertEquals(0, writer.drain(Duration.ofSeconds(5)));
        assertEquals(5, writer.written());

        BatchedWriter<Integer> failing = new BatchedWriter<>(100, 2,
                batch -> Uni.createFrom().failure(new IllegalStateException("database away")));
        failing.offer(1);
        failing.offer(2);
        failing.offer(3);
        long start = System.nanoTime();
        assertEquals(3, failing.drain(Duration.ofSeconds(30)), "what could not be written is still queued");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "a failing write ends the drain at once");
    }

    @Test
    void drainWaitsForAFlushUnderWayAndStopsAtItsDeadline() {
        BatchedWriter<Integer> writer = held(100, 10);
        writer.offer(1);
        writer.flush().subscribe().with(n -> { }, f -> { });
        assertEquals(1, writer.drain(Duration.ofMillis(100)), "the write under way never finished");
        pending.get(0).complete(null);
        assertEquals(0, writer.drain(Duration.ofSeconds(5)));
        assertEquals(1, writer.written());
    }
}
