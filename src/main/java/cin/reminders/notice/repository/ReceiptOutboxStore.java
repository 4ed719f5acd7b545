package cin.reminders.notice.repository;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.notice.NoticeStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code receipt_outbox} table, the transactional outbox of notice outcomes: written in the same
 * transaction as the outcome, relayed to the {@code notice-receipts} topic afterwards and then deleted,
 * so no outcome is published that did not happen, and none that happened is lost.
 */
@ApplicationScoped
public class ReceiptOutboxStore {

    /** An outcome to publish, with what the receipt says of its notice (the notice row may be gone: nulls). */
    public record Pending(long id, UUID noticeId, CaseRef caseRef, NoticeStatus status, Instant occurredAt, String template,
                          String channel, String recipientId, String recipientRole, String reason, String provider,
                          String providerId, Instant sentAt) {
    }

    /** An outcome of one notice, to go out as a receipt. */
    public record Settled(UUID noticeId, CaseRef caseRef, NoticeStatus status) {
    }

    public Uni<Void> add(SqlConnection c, List<Settled> settled, Instant at) {
        if (settled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        insert into receipt_outbox (notice_id, authority, case_id, status, occurred_at)
                        select * , $5::timestamptz from unnest($1::uuid[], $2::text[], $3::text[], $4::text[])""")
                .execute(Tuple.of(settled.stream().map(Settled::noticeId).toArray(UUID[]::new),
                        settled.stream().map(s -> s.caseRef().authority()).toArray(String[]::new),
                        settled.stream().map(s -> s.caseRef().caseId()).toArray(String[]::new),
                        settled.stream().map(s -> s.status().name()).toArray(String[]::new), at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The oldest pending receipts, locked until the transaction ends (another relay skips them). */
    public Uni<List<Pending>> claim(SqlConnection c, int limit) {
        return c.preparedQuery("""
                        select o.id, o.notice_id, o.authority, o.case_id, o.status, o.occurred_at, n.template, n.channel,
                               n.recipient_participant_id, n.recipient_role, n.reason, n.provider, n.provider_id, n.sent_at
                        from (select * from receipt_outbox order by id limit $1 for update skip locked) o
                        -- one primary-key probe per row, whatever the statistics: a young notice table has none,
                        -- and a hash join would read all of it on every batch (limit 1 keeps the planner from
                        -- flattening the lateral subquery into such a join)
                        left join lateral (select * from notice where id = o.notice_id limit 1) n on true
                        order by o.id""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Pending> out = new ArrayList<>();
                    for (Row r : rows) {
                        OffsetDateTime sentAt = r.getOffsetDateTime("sent_at");
                        out.add(new Pending(r.getLong("id"), r.getUUID("notice_id"),
                                new CaseRef(r.getString("authority"), r.getString("case_id")),
                                NoticeStatus.valueOf(r.getString("status")), r.getOffsetDateTime("occurred_at").toInstant(),
                                r.getString("template"), r.getString("channel"), r.getString("recipient_participant_id"),
                                r.getString("recipient_role"), r.getString("reason"), r.getString("provider"),
                                r.getString("provider_id"), sentAt == null ? null : sentAt.toInstant()));
                    }
                    return out;
                });
    }

    /** Receipts Kafka has acknowledged. */
    public Uni<Void> delete(SqlClient c, List<Long> ids) {
        return c.preparedQuery("delete from receipt_outbox where id = any($1)")
                .execute(Tuple.of((Object) ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }
}
