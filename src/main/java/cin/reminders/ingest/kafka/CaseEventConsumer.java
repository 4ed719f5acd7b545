package cin.reminders.ingest.kafka;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.InvalidEventException;
import cin.reminders.domain.event.SourceBindings;
import cin.reminders.ingest.service.IngestResult;
import cin.reminders.ingest.service.IngestService;
import cin.reminders.platform.TransientFailures;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code case-events} a batch at a time (one poll, up to 1,000 records). Records are
 * keyed by case id, so one case's events arrive in order on one partition and are applied in
 * that order. The batch is acknowledged only once its effects are committed and its refused
 * records are in the DLQ. Where sources are bound to councils ({@code reminders.sources.*}), an event
 * its source may not send for its council is refused like an invalid one, before anything of it is
 * applied.
 */
@ApplicationScoped
public class CaseEventConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private final KafkaEventDecoder decoder;
    private final IngestService ingest;
    private final DeadLetters deadLetters;
    private final SourceBindings sources;
    private final io.micrometer.core.instrument.Timer lag;

    public CaseEventConsumer(KafkaEventDecoder decoder, IngestService ingest, DeadLetters deadLetters,
                             SourceBindings sources, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.decoder = decoder;
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.sources = sources;
        // From a record's append to the broker to its effects being committed: the ingest lag.
        this.lag = io.micrometer.core.instrument.Timer.builder("cin.ingest.lag")
                .description("Time from a record reaching Kafka to its effects being committed")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    @Incoming("case-events")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        // Deferred: even an unexpected exception here becomes a failure of the Uni, never a thrown one.
        return Uni.createFrom().deferred(() -> process(batch));
    }

    private Uni<Void> process(KafkaRecordBatch<String, byte[]> batch) {
        List<CaseEvent> events = new ArrayList<>();
        Map<CaseEvent, KafkaRecord<String, byte[]>> origins = new IdentityHashMap<>();
        List<Uni<Void>> refusals = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            try {
                CaseEvent event = decoder.decode(record.getHeaders(), value(record));
                if (!sources.allows(event.source(), event.authority())) {
                    LOG.warnf("Event %s: source %s is not bound to authority %s", event.key(), event.source(), event.authority());
                    refusals.add(deadLetters.send(origin(record), "source", SourceBindings.REASON));
                    continue;
                }
                events.add(event);
                origins.put(event, record);
            } catch (InvalidEventException e) {
                refusals.add(deadLetter(record, e));
            } catch (RuntimeException e) {
                refusals.add(deadLetters.send(origin(record), "event", "could not be read: " + e.getClass().getSimpleName()));
            }
        }
        return all(refusals)
                .chain(() -> apply(events, origins))
                .invoke(() -> {
                    long now = System.currentTimeMillis();
                    for (KafkaRecord<String, byte[]> r : batch) {
                        if (r.getTimestamp() != null) {
                            lag.record(java.time.Duration.ofMillis(Math.max(0, now - r.getTimestamp().toEpochMilli())));
                        }
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Applies the batch; a failure that is not transient is isolated event by event so one bad event cannot stall the rest. */
    private Uni<Void> apply(List<CaseEvent> events, Map<CaseEvent, KafkaRecord<String, byte[]>> origins) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return withRetry(ingest.ingest(events)).replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    if (events.size() == 1) {
                        CaseEvent e = events.get(0);
                        LOG.errorf("Event %s could not be applied (%s); sent to the DLQ", e.key(), failure.getClass().getName());
                        return deadLetters.send(origin(origins.get(e)), "event",
                                "could not be applied: " + failure.getClass().getSimpleName());
                    }
                    LOG.warnf("A batch of %d failed (%s); applying its events one by one", events.size(),
                            failure.getClass().getName());
                    return Multi.createFrom().iterable(events)
                            .onItem().transformToUniAndConcatenate(e -> apply(List.of(e), origins))
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<IngestResult> withRetry(Uni<IngestResult> work) {
        // Transient failures (the database restarting, a deadlock) retry forever with bounded backoff:
        // the records stay unacknowledged, so nothing is lost while we wait.
        return work.onFailure(TransientFailures::isTransient).invoke(f ->
                        LOG.warnf("Ingest failed transiently (%s); retrying", f.getClass().getSimpleName()))
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).withJitter(0.2).indefinitely();
    }

    private Uni<Void> deadLetter(KafkaRecord<String, byte[]> record, InvalidEventException e) {
        return deadLetters.send(origin(record), e.firstField(), e.getMessage());
    }

    private static DeadLetters.Origin origin(KafkaRecord<String, byte[]> r) {
        long offset = r.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        return new DeadLetters.Origin(r.getTopic(), r.getPartition(), offset, r.getKey(), r.getHeaders(), value(r));
    }

    /** The raw value; anything else (a misconfigured deserializer) reads as no value rather than a ClassCastException. */
    private static byte[] value(KafkaRecord<String, ?> r) {
        return r.getPayload() instanceof byte[] bytes ? bytes : null;
    }

    private static Uni<Void> all(List<Uni<Void>> unis) {
        return unis.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(unis).andFailFast().replaceWithVoid();
    }
}
