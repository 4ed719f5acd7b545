package cin.reminders.notice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order of a graceful stop, in milliseconds: no framework, batches as plain Unis. */
class GracefulStopTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> steps = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** A batch that records its outcomes {@code after} its subscription. */
    private Uni<String> batch(String name, long afterMillis) {
        return Uni.createFrom().completionStage(() -> {
            CompletableFuture<String> done = new CompletableFuture<>();
            timer.schedule(() -> {
                steps.add(name + " recorded");
                done.complete(name);
            }, afterMillis, TimeUnit.MILLISECONDS);
            return done;
        });
    }

    @Test
    void waitsForEveryBatchInFlightThenReleasesThenClosesTheChannels() {
        GracefulStop stop = new GracefulStop();
        stop.track(() -> batch("dispatch", 150), "not run").subscribe().with(x -> { });
        stop.track(() -> batch("reminders", 300), "not run").subscribe().with(x -> { });
        assertEquals(2, stop.inFlight());

        int left = stop.stop(Duration.ofSeconds(5), () -> steps.add("released"), () -> steps.add("channels closed"));

        assertEquals(0, left);
        assertEquals(List.of("dispatch recorded", "reminders recorded", "released", "channels closed"), steps);
        assertTrue(stop.stopping());
    }

    @Test
    void aBatchThatOutlivesTheWaitStillLeavesTheChannelsClosedLast() {
        GracefulStop stop = new GracefulStop();
        stop.track(() -> batch("reminders", 5_000), "not run").subscribe().with(x -> { });

        int left = stop.stop(Duration.ofMillis(100), () -> steps.add("released"), () -> steps.add("channels closed"));

        assertEquals(1, left, "the batch still in flight is reported");
        assertEquals(List.of("released", "channels closed"), steps);
    }

    @Test
    void theChannelsCloseEvenWhenReleasingFails() {
        GracefulStop stop = new GracefulStop();
        try {
            stop.stop(Duration.ZERO, () -> {
                throw new IllegalStateException("database away");
            }, () -> steps.add("channels closed"));
        } catch (IllegalStateException expected) {
            steps.add("release failed");
        }
        assertEquals(List.of("channels closed", "release failed"), steps);
    }

    /**
     * Two shutdown observers have no order: the channels must not close on their own, or a send in flight
     * is refused and recorded as a failure. Only the notice loops observe the shutdown, and close them last.
     */
    @Test
    void theChannelsCloseOnlyThroughTheNoticeLoopsStop() throws Exception {
        for (var m : cin.reminders.notice.channel.Senders.class.getDeclaredMethods()) {
            for (var p : m.getParameters()) {
                assertTrue(!p.isAnnotationPresent(jakarta.enterprise.event.Observes.class),
                        "Senders." + m.getName() + " observes an event; the notice loops' stop closes the channels");
            }
        }
        var observer = NoticeLoops.class.getDeclaredMethod("stop", io.quarkus.runtime.ShutdownEvent.class);
        assertTrue(observer.getParameters()[0].isAnnotationPresent(jakarta.enterprise.event.Observes.class));
        assertEquals(1, observer.getParameters()[0].getAnnotation(jakarta.annotation.Priority.class).value(),
                "the notice loops stop early among the shutdown observers");
    }

    @Test
    void aBatchThatStartsAfterTheStopBeganDoesNotRun() {
        GracefulStop stop = new GracefulStop();
        stop.stop(Duration.ZERO, () -> steps.add("released"), () -> steps.add("channels closed"));
        String answer = stop.track(() -> batch("late", 10), "not run").await().atMost(Duration.ofSeconds(1));
        assertEquals("not run", answer);
        assertEquals(0, stop.inFlight());
        assertEquals(List.of("released", "channels closed"), steps, "the late batch recorded nothing");
    }

    @Test
    void aFailedOrCancelledBatchIsNoLongerInFlight() {
        GracefulStop stop = new GracefulStop();
        stop.track(() -> Uni.<String>createFrom().failure(new IllegalStateException("boom")), "not run").subscribe().with(x -> { }, f -> { });
        var cancellable = stop.track(() -> Uni.<String>createFrom().nothing(), "not run").subscribe().with(x -> { });
        assertEquals(1, stop.inFlight());
        cancellable.cancel();
        assertEquals(0, stop.inFlight());
    }
}
