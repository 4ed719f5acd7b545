package cin.reminders.notice.service;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes items as they come, a group at a time: while one write is under way, what arrives waits for
 * the next, so each item is written one database round trip after it arrives at the latest, and a busy
 * stream of items costs one transaction per round trip rather than one per item. Adding never waits
 * for the write; {@link #flush()} waits for everything added so far.
 */
final class GroupCommit<T> {

    private final Function<List<T>, Uni<Void>> write;
    private final Consumer<Throwable> onFailure;
    private final List<T> waiting = new ArrayList<>();
    private boolean writing;
    private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

    /**
     * @param write writes one group (its own transaction)
     * @param onFailure told when a group could not be written (its items are then left to the caller's
     *                  own record and, failing that, to lease recovery)
     */
    GroupCommit(Function<List<T>, Uni<Void>> write, Consumer<Throwable> onFailure) {
        this.write = write;
        this.onFailure = onFailure;
    }

    void add(T item) {
        synchronized (this) {
            waiting.add(item);
            if (writing) {
                return;
            }
            writing = true;
            idle = new CompletableFuture<>();
        }
        writeNext();
    }

    /** Completes once everything added so far has been written (or has failed to be). */
    Uni<Void> flush() {
        CompletableFuture<Void> done;
        synchronized (this) {
            done = idle;
        }
        return Uni.createFrom().completionStage(done);
    }

    private void writeNext() {
        List<T> group;
        CompletableFuture<Void> finished = null;
        synchronized (this) {
            group = List.copyOf(waiting);
            waiting.clear();
            if (group.isEmpty()) {
                writing = false;
                finished = idle;
            }
        }
        if (finished != null) {
            finished.complete(null);
            return;
        }
        write.apply(group).subscribe().with(ok -> writeNext(), f -> {
            onFailure.accept(f);
            writeNext();
        });
    }
}
