package cin.reminders.notice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Group commits in milliseconds: writes are plain Unis completed by the test. */
class GroupCommitTest {

    private final List<List<Integer>> written = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    private final GroupCommit<Integer> commit = new GroupCommit<>(group -> {
        written.add(group);
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(done);
        return Uni.createFrom().completionStage(done);
    }, failures::add);

    @Test
    void theFirstItemIsWrittenAtOnceAndWhatArrivesMeanwhileGoesInTheNextGroup() {
        commit.add(1);
        assertEquals(List.of(List.of(1)), written, "nothing waits for a group to fill");
        commit.add(2);
        commit.add(3);
        assertEquals(1, written.size(), "one write at a time");
        pending.get(0).complete(null);
        assertEquals(List.of(List.of(1), List.of(2, 3)), written);
        pending.get(1).complete(null);
        assertEquals(2, written.size());
    }

    @Test
    void flushWaitsForEverythingAddedSoFar() {
        commit.add(1);
        commit.add(2);
        CompletableFuture<Void> flushed = commit.flush().subscribeAsCompletionStage();
        assertTrue(!flushed.isDone());
        pending.get(0).complete(null);
        assertTrue(!flushed.isDone(), "the second group is still being written");
        pending.get(1).complete(null);
        assertTrue(flushed.isDone());
    }

    @Test
    void flushWithNothingAddedIsDoneAtOnce() {
        commit.flush().await().atMost(Duration.ofSeconds(1));
        assertTrue(written.isEmpty());
    }

    @Test
    void aFailedGroupIsReportedAndTheNextStillWritten() {
        commit.add(1);
        commit.add(2);
        pending.get(0).completeExceptionally(new IllegalStateException("database away"));
        assertEquals(1, failures.size());
        assertEquals(List.of(List.of(1), List.of(2)), written);
        pending.get(1).complete(null);
        commit.flush().await().atMost(Duration.ofSeconds(1));
    }
}
