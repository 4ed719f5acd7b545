package cin.reminders.ingest.kafka;

import cin.reminders.platform.config.RemindersConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.HashMap;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Whether the service is catching up a backlog: the {@code case-events} consumers' lag above
 * {@code reminders.catch-up.lag-threshold}. The lag of a partition is its end offset less the group's committed
 * offset, as {@code kafka-consumer-groups --describe} shows it: records the connector has fetched and holds in its
 * queue still count (the client's own {@code records-lag} metric counts from the fetch position, so it reads 0 while
 * thousands wait in that queue). Partitions with no committed offset yet count from the consumer's position. The
 * largest partition lag of any consumer counts.
 * <p>
 * Read on each consumer's polling thread (a Kafka consumer is not to be touched from another thread), at most every
 * {@code reminders.catch-up.measure-every}, in the background: {@link #catchingUp()} answers at once from the last
 * reading and never waits for a poll. Without a consumer (no broker configured) the service is never catching up.
 * <p>
 * The last reading is the gauge {@code cin.ingest.consumer.lag} (records): a scrape starts a new reading when the
 * last one is older than {@code measure-every}, in the background, and reports the last one.
 * <p>
 * It cannot tell which cases still have events queued: while the lag is high, every reminder born past waits
 * (SettleRule), which errs towards waiting; the wait is bounded by {@code reminders.catch-up.max-wait}.
 */
@ApplicationScoped
@Startup // its gauge is registered at start-up, not at the first catch-up question (which may never come)
public class CatchUp {

    static final String CHANNEL = "case-events";
    /** How long a reading may wait for the broker (on the polling thread, so kept short). */
    private static final Duration ASK_FOR = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(CatchUp.class);

    private final Instance<KafkaClientService> kafka;
    private final long threshold;
    private final Duration measureEvery;
    private final AtomicBoolean measuring = new AtomicBoolean();
    private volatile long lag;
    private volatile long measuredAt = Long.MIN_VALUE; // System.nanoTime() of the last reading (real time, not the service clock)

    public CatchUp(Instance<KafkaClientService> kafka, RemindersConfig config, MeterRegistry metrics) {
        this.kafka = kafka;
        this.threshold = config.catchUp().lagThreshold();
        this.measureEvery = config.catchUp().measureEvery();
        Gauge.builder("cin.ingest.consumer.lag", this, c -> {
                    c.catchingUp(); // starts a reading if the last one is old; never waits for it
                    return c.lag();
                }).description("Largest case-events partition lag (end offset less committed offset), in records")
                .register(metrics);
    }

    /** Whether the consumers were more than the threshold behind at the last reading (a new one is started if due). */
    public boolean catchingUp() {
        long at = measuredAt;
        if ((at == Long.MIN_VALUE || System.nanoTime() - at >= measureEvery.toNanos()) && measuring.compareAndSet(false, true)) {
            measure().subscribe().with(r -> done(r.lag()), f -> {
                LOG.debugf("Consumer lag not read: %s", f.toString());
                done(lag);
            });
        }
        return lag > threshold;
    }

    /** The largest partition lag at the last reading. */
    public long lag() {
        return lag;
    }

    /**
     * One reading of the consumers' lag.
     *
     * @param lag the largest lag of any partition of any {@code case-events} consumer (records not yet committed)
     * @param partitions how many assigned partitions reported one (0: no consumer, or none assigned yet)
     */
    public record Reading(long lag, int partitions) {
    }

    /** Reads the lag now, on each consumer's polling thread. */
    public Uni<Reading> measure() {
        List<KafkaConsumer<Object, Object>> consumers = consumers();
        if (consumers.isEmpty()) {
            return Uni.createFrom().item(new Reading(0, 0));
        }
        List<Uni<Reading>> each = new ArrayList<>();
        for (KafkaConsumer<Object, Object> c : consumers) {
            java.util.function.Function<org.apache.kafka.clients.consumer.Consumer<Object, Object>, Reading> read = k -> {
                Set<TopicPartition> assigned = k.assignment();
                if (assigned.isEmpty()) {
                    return new Reading(0, 0);
                }
                Map<TopicPartition, Long> positions = new HashMap<>();
                assigned.forEach(tp -> positions.put(tp, k.position(tp, ASK_FOR)));
                return reading(k.endOffsets(assigned, ASK_FOR), k.committed(assigned, ASK_FOR), positions);
            };
            each.add(c.runOnPollingThread(read).onFailure().recoverWithItem(new Reading(0, 0)));
        }
        return Uni.join().all(each).andCollectFailures().map(l -> new Reading(
                l.stream().mapToLong(Reading::lag).max().orElse(0L), l.stream().mapToInt(Reading::partitions).sum()));
    }

    private void done(long measured) {
        lag = measured;
        measuredAt = System.nanoTime();
        measuring.set(false);
    }

    private List<KafkaConsumer<Object, Object>> consumers() {
        if (!kafka.isResolvable()) {
            return List.of();
        }
        try {
            // With reminders.ingest.consumers above 1 the connector names its channels case-events$1, case-events$2...
            KafkaClientService service = kafka.get();
            List<KafkaConsumer<Object, Object>> out = new ArrayList<>();
            for (String channel : service.getConsumerChannels()) {
                if (channel.equals(CHANNEL) || channel.startsWith(CHANNEL + "$")) {
                    out.addAll(service.<Object, Object>getConsumers(channel));
                }
            }
            return out;
        } catch (RuntimeException e) { // the channel is not configured: no consumer
            return List.of();
        }
    }

    /** The largest partition lag (end offset less committed offset, else position), and how many partitions were read. */
    static Reading reading(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed,
                           Map<TopicPartition, Long> positions) {
        long max = 0;
        int partitions = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(e.getKey());
            Long from = done != null ? Long.valueOf(done.offset()) : positions.get(e.getKey());
            if (e.getValue() == null || from == null) {
                continue;
            }
            partitions++;
            max = Math.max(max, e.getValue() - from);
        }
        return new Reading(max, partitions);
    }
}
