package cin.reminders.notice.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes notice outcomes from the outbox to {@code notice-receipts} as structured CloudEvents
 * ({@code cin.notice.sent}, {@code .delivered}, {@code .failed}, {@code .suppressed}), keyed by case
 * id. A row is deleted only after Kafka acknowledges it (the notice keeps the record): at least once, with a stable
 * CloudEvent id ({@code <notice id>:<status>}) for consumers to deduplicate on.
 */
@ApplicationScoped
public class ReceiptRelay {

    static final String SOURCE = "urn:cin-reminders:notices";
    private final Pool pool;
    private final MutinyEmitter<byte[]> emitter;

    public ReceiptRelay(Pool pool, @Channel("notice-receipts") MutinyEmitter<byte[]> emitter) {
        this.pool = pool;
        this.emitter = emitter;
    }

    public Uni<Integer> relayBatch() {
        return pool.withTransaction(c -> c.preparedQuery("""
                        select o.id, o.notice_id, o.case_id, o.status, o.occurred_at, n.template, n.channel,
                               n.recipient_participant_id, n.recipient_role, n.reason, n.provider, n.provider_id, n.sent_at
                        from (select * from receipt_outbox order by id limit 500 for update skip locked) o
                        -- one primary-key probe per row, whatever the statistics: a young notice table has none,
                        -- and a hash join would read all of it on every batch (limit 1 keeps the planner from
                        -- flattening the lateral subquery into such a join)
                        left join lateral (select * from notice where id = o.notice_id limit 1) n on true
                        order by o.id""")
                .execute()
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<Uni<Void>> sends = new ArrayList<>();
                    for (Row r : rows) {
                        ids.add(r.getLong("id"));
                        sends.add(publish(r));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(sends).onItem().transformToUni(u -> u).merge(64)
                            .collect().last()
                            .chain(() -> c.preparedQuery("delete from receipt_outbox where id = any($1)")
                                    .execute(Tuple.of((Object) ids.toArray(Long[]::new))))
                            .replaceWith(ids.size());
                }));
    }

    private Uni<Void> publish(Row r) {
        String status = r.getString("status");
        JsonObject data = new JsonObject()
                .put("noticeId", r.getUUID("notice_id").toString())
                .put("caseId", r.getString("case_id"))
                .put("template", r.getString("template"))
                .put("channel", r.getString("channel"))
                .put("recipient", new JsonObject().put("participantId", r.getString("recipient_participant_id"))
                        .put("role", r.getString("recipient_role")))
                .put("status", status)
                .put("reason", r.getString("reason"))
                .put("provider", r.getString("provider"))
                .put("providerId", r.getString("provider_id"));
        OffsetDateTime sentAt = r.getOffsetDateTime("sent_at");
        if (sentAt != null) {
            data.put("sentAt", sentAt.toInstant().toString());
        }
        JsonObject event = new JsonObject()
                .put("specversion", "1.0")
                .put("id", r.getUUID("notice_id") + ":" + status)
                .put("source", SOURCE)
                .put("type", "cin.notice." + status.toLowerCase())
                .put("subject", r.getString("case_id"))
                .put("time", r.getOffsetDateTime("occurred_at").toInstant().toString())
                .put("datacontenttype", "application/json")
                .put("data", data);
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(r.getString("case_id")).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(event.encode().getBytes(StandardCharsets.UTF_8)).addMetadata(metadata));
    }
}
