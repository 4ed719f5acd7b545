package cin.reminders.platform.health;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the broker answers, at {@code /q/health/well}: for operators and alerts, not for probes.
 * Kafka is deliberately kept out of readiness. Every replica shares the broker, so a broker outage
 * would take every pod out of the Service at once, although the API, the dashboard and
 * {@code POST /api/events} need only PostgreSQL. Events wait in Kafka meanwhile and nothing is lost.
 * <p>
 * The check runs on the event loop, so it does only non-blocking work there: creating the admin
 * client resolves the bootstrap addresses (a DNS look-up) and starts its thread, so that is done once
 * on a worker thread (again after a failure, such as a name that does not resolve yet); the check
 * waits for it without blocking and then asks the cluster asynchronously.
 */
@Wellness
@ApplicationScoped
public class KafkaReachability implements AsyncHealthCheck {

    static final String NAME = "Kafka broker";
    static final String CLIENT_ID = "cin-reminders-health";
    private static final int TIMEOUT_MS = 3_000;
    private final Map<String, Object> kafkaConfig;
    private final Executor blocking;
    private CompletableFuture<AdminClient> admin;
    private boolean closed;

    @Inject
    public KafkaReachability(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this(kafkaConfig, Infrastructure.getDefaultWorkerPool());
    }

    /** {@code blocking}: where the admin client is created. */
    KafkaReachability(Map<String, Object> kafkaConfig, Executor blocking) {
        this.kafkaConfig = kafkaConfig;
        this.blocking = blocking;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(this::admin)
                .chain(client -> Uni.createFrom().completionStage(client
                        .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes().toCompletionStage()))
                .map(nodes -> HealthCheckResponse.named(NAME).up().withData("nodes", nodes.size()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", cause(failure).getClass().getSimpleName()).build());
    }

    /** The admin client, created on a worker thread the first time and again after a failed creation. */
    private synchronized CompletableFuture<AdminClient> admin() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("shutting down"));
        }
        if (admin == null || admin.isCompletedExceptionally()) {
            admin = CompletableFuture.supplyAsync(this::create, blocking);
        }
        return admin;
    }

    private AdminClient create() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        return AdminClient.create(config);
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (admin != null) {
            // A client still being created is closed as soon as it exists.
            admin.thenAccept(AdminClient::close);
        }
    }
}
