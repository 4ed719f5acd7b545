package cin.reminders.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cin.reminders.platform.embedded.EmbeddedKafka;
import cin.reminders.testing.KafkaResource;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/health/well}'s Kafka check runs on the event loop: creating the admin client (a DNS look-up, a thread)
 * happens on a worker, once; the check itself only asks the cluster, asynchronously. Against a real broker.
 */
class KafkaReachabilityTest {

    /** Holds the blocking work until the test runs it, so the test sees what the check did without it. */
    static final class HeldWorker implements Executor {
        final Queue<Runnable> held = new ConcurrentLinkedQueue<>();
        final AtomicInteger submitted = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            submitted.incrementAndGet();
            held.add(task);
        }

        void runHeld() throws InterruptedException {
            Thread worker = new Thread(() -> {
                for (Runnable task; (task = held.poll()) != null; ) {
                    task.run();
                }
            }, "test-worker");
            worker.start();
            worker.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void theAdminClientIsCreatedOnAWorkerOnceAndTheCheckOnlyAsks() throws Exception {
        String bootstrap = new KafkaResource().start().get(EmbeddedKafka.BOOTSTRAP_SERVERS);
        HeldWorker worker = new HeldWorker();
        KafkaReachability check = new KafkaReachability(Map.of("bootstrap.servers", bootstrap), worker);
        long clientThreads = adminClientThreads();

        CompletableFuture<HealthCheckResponse> first = check.call().subscribe().asCompletionStage();
        assertFalse(first.isDone(), "the check waits for the client instead of creating it");
        assertEquals(clientThreads, adminClientThreads(), "no admin client was created by the check's caller");
        assertEquals(1, worker.submitted.get(), "its creation went to the worker");

        worker.runHeld();
        HealthCheckResponse up = first.get(30, TimeUnit.SECONDS);
        assertEquals(HealthCheckResponse.Status.UP, up.getStatus(), up.getData().toString());
        assertEquals(clientThreads + 1, adminClientThreads());

        HealthCheckResponse again = check.call().subscribe().asCompletionStage().get(30, TimeUnit.SECONDS);
        assertEquals(HealthCheckResponse.Status.UP, again.getStatus());
        assertEquals(1, worker.submitted.get(), "the client is reused: nothing more for the worker");
        check.close();
    }

    @Test
    void anAddressThatDoesNotResolveIsDownAndTheClientIsTriedAgainOnTheNextCheck() throws Exception {
        AtomicInteger created = new AtomicInteger();
        Executor worker = task -> {
            created.incrementAndGet();
            CompletableFuture.runAsync(task);
        };
        KafkaReachability check = new KafkaReachability(Map.of("bootstrap.servers", "no-such-broker.invalid:9092"), worker);

        HealthCheckResponse down = check.call().subscribe().asCompletionStage().get(60, TimeUnit.SECONDS);
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        assertEquals(KafkaException.class.getSimpleName(), down.getData().orElseThrow().get("reason"));

        HealthCheckResponse stillDown = check.call().subscribe().asCompletionStage().get(60, TimeUnit.SECONDS);
        assertEquals(HealthCheckResponse.Status.DOWN, stillDown.getStatus());
        assertEquals(2, created.get(), "a failed creation is not cached: tried again on the next check");
        check.close();
    }

    static long adminClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("kafka-admin-client-thread | " + KafkaReachability.CLIENT_ID))
                .count();
    }
}
