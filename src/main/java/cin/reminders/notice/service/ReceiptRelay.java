package cin.reminders.notice.service;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import cin.reminders.notice.config.NoticesConfig;
import cin.reminders.notice.repository.ReceiptOutboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes notice outcomes from the outbox to {@code notice-receipts} as structured CloudEvents
 * ({@code cin.notice.sent}, {@code .delivered}, {@code .failed}, {@code .suppressed}), keyed by case
 * id. A row is deleted only after Kafka acknowledges it (the notice keeps the record): at least once, with a stable
 * CloudEvent id ({@code <notice id>:<status>}) for consumers to deduplicate on.
 * <p>
 * It also counts them, {@code cin.notices.settled} by channel and status: every write that settles a notice or
 * moves a settled one on (sent, a delivery receipt, a failure, a suppression; planning, dispatch, reminder firing,
 * Notify's receipts) adds one outbox row in its own transaction, and each row is counted once, after the
 * transaction that deletes it has committed. A batch whose commit fails is relayed again and counted then; so a
 * redelivered CloudEvent is never counted twice. The counter follows the outbox: while messages go out the relay
 * waits (up to 15 s), and while Kafka is away it does not move.
 */
@ApplicationScoped
public class ReceiptRelay {

    static final String SOURCE = "urn:cin-reminders:notices";
    private final Pool pool;
    private final ReceiptOutboxStore outbox;
    private final MutinyEmitter<byte[]> emitter;
    private final int batchSize;
    private final MeterRegistry metrics;
    private final Map<String, Counter> settled = new ConcurrentHashMap<>();

    public ReceiptRelay(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, ReceiptOutboxStore outbox, NoticesConfig config,
                        @Channel("notice-receipts") MutinyEmitter<byte[]> emitter, MeterRegistry metrics) {
        this.batchSize = config.receipts().batchSize();
        this.pool = pool;
        this.outbox = outbox;
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Publishes one batch of pending receipts; the number published. */
    public Uni<Batch> relayBatch() {
        return pool.withTransaction(c -> outbox.claim(c, batchSize).chain(pending -> {
            if (pending.isEmpty()) {
                return Uni.createFrom().item(pending);
            }
            return Multi.createFrom().iterable(pending).onItem().transformToUni(this::publish).merge(64)
                    .collect().last()
                    .chain(() -> outbox.delete(c, pending.stream().map(ReceiptOutboxStore.Pending::id).toList()))
                    .replaceWith(pending);
        })).map(relayed -> { // committed: these rows are gone, and counted here only
            relayed.forEach(this::count);
            return relayed.isEmpty() ? Batch.EMPTY : Batch.ofSize(relayed.size(), batchSize);
        });
    }

    private void count(ReceiptOutboxStore.Pending r) {
        String channel = r.channel() == null ? "UNKNOWN" : r.channel(); // its notice row is gone
        settled.computeIfAbsent(channel + "|" + r.status(), k -> Counter.builder("cin.notices.settled")
                .description("Notice outcomes, each counted once as its receipt is published (a delivered text: SENT, then DELIVERED)")
                .tags("channel", channel, "status", r.status().name())
                .register(metrics)).increment();
    }

    private Uni<Void> publish(ReceiptOutboxStore.Pending r) {
        String status = r.status().name();
        JsonObject data = new JsonObject()
                .put("noticeId", r.noticeId().toString())
                .put("caseId", r.caseRef().caseId())
                .put("authority", r.caseRef().authority())
                .put("template", r.template())
                .put("channel", r.channel())
                .put("recipient", new JsonObject().put("participantId", r.recipientId())
                        .put("role", r.recipientRole()))
                .put("status", status)
                .put("reason", r.reason())
                .put("provider", r.provider())
                .put("providerId", r.providerId());
        if (r.sentAt() != null) {
            data.put("sentAt", r.sentAt().toString());
        }
        JsonObject event = new JsonObject()
                .put("specversion", "1.0")
                .put("id", r.noticeId() + ":" + status)
                .put("source", SOURCE)
                .put("type", "cin.notice." + status.toLowerCase())
                .put("subject", r.caseRef().caseId())
                .put("time", r.occurredAt().toString())
                .put("datacontenttype", "application/json")
                .put("data", data);
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(r.caseRef().caseId()).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(event.encode().getBytes(StandardCharsets.UTF_8)).addMetadata(metadata));
    }
}
