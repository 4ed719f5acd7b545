package cin.reminders.notice.repository;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.NoticeData;
import cin.reminders.domain.notice.NoticeKey;
import cin.reminders.domain.notice.NoticeTemplate;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatcher's queue: due notices claimed in batches with {@code FOR UPDATE SKIP LOCKED} and
 * leased (status SENDING, {@code claimed_until}) in a committed transaction before any provider is
 * called. Another replica skips what is locked or leased; a lease that runs out (its holder
 * crashed) is queued again, and the dispatcher asks the provider whether it already has the message.
 */
@ApplicationScoped
public class DueNotices {

    public Uni<List<ClaimedNotice>> claim(SqlConnection c, String replica, Instant now, int limit, Duration lease) {
        return c.preparedQuery("""
                        update notice n set status = 'SENDING', claimed_by = $1, claimed_until = $3,
                            attempts = n.attempts + 1, updated_at = now()
                        from (select id from notice
                              where status = 'SCHEDULED' and next_attempt_at <= $2
                              order by next_attempt_at
                              limit $4
                              for update skip locked) due
                        where n.id = due.id
                        returning n.*""")
                .execute(Tuple.of(replica, now.atOffset(ZoneOffset.UTC), now.plus(lease).atOffset(ZoneOffset.UTC), limit))
                .map(DueNotices::rows);
    }

    /** The earliest notice due after {@code now}, if any: when the dispatcher should next look. */
    public Uni<java.util.Optional<Instant>> nextAfter(io.vertx.mutiny.sqlclient.Pool pool, Instant now) {
        return pool.preparedQuery("select min(next_attempt_at) from notice where status = 'SCHEDULED' and next_attempt_at > $1")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> java.util.Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0))
                        .map(java.time.OffsetDateTime::toInstant));
    }

    /**
     * Queues again, due at once, notices whose lease ran out while SENDING: their dispatcher died
     * between claiming and recording. Their attempt still counts, so the dispatcher asks the provider
     * (where it can be asked) before sending them again. The number queued.
     */
    public Uni<Integer> requeueExpired(io.vertx.mutiny.sqlclient.Pool pool, Instant now, int limit) {
        return pool.preparedQuery("""
                        update notice n set status = 'SCHEDULED', claimed_by = null, claimed_until = null,
                            next_attempt_at = $1, reason = 'its dispatcher stopped mid-send', updated_at = now()
                        from (select id from notice
                              where status = 'SENDING' and claimed_until < $1
                              order by claimed_until
                              limit $2
                              for update skip locked) expired
                        where n.id = expired.id""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
                .map(RowSet::rowCount);
    }

    /**
     * Gives back what a replica still holds (a graceful shutdown). The attempt still counts:
     * a send may have been in flight when the shutdown stopped waiting, so the provider is asked first.
     * The number given back.
     */
    public Uni<Integer> releaseHeldBy(io.vertx.mutiny.sqlclient.Pool pool, String replica) {
        return pool.preparedQuery("""
                        update notice set status = 'SCHEDULED', claimed_by = null, claimed_until = null,
                            updated_at = now()
                        where claimed_by = $1 and status = 'SENDING'""")
                .execute(Tuple.of(replica))
                .map(RowSet::rowCount);
    }

    static List<ClaimedNotice> rows(RowSet<Row> rows) {
        List<ClaimedNotice> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(row(r));
        }
        return out;
    }

    static ClaimedNotice row(Row r) {
        NoticeTemplate template = NoticeTemplate.fromId(r.getString("template")).orElseThrow();
        Map<String, String> data = new HashMap<>();
        Object raw = r.getValue("data");
        if (raw instanceof JsonObject json) {
            json.forEach(e -> data.put(e.getKey(), e.getValue() == null ? null : e.getValue().toString()));
        } else if (raw instanceof String s) {
            try {
                data.putAll(new ObjectMapper().readValue(s, new TypeReference<Map<String, String>>() { }));
            } catch (Exception e) {
                throw new IllegalStateException("notice data is not a JSON object", e);
            }
        }
        return new ClaimedNotice(
                r.getUUID("id"),
                NoticeKey.of(r.getString("notice_key")),
                r.getString("case_id"),
                r.getString("authority"),
                template,
                Channel.valueOf(r.getString("channel")),
                r.getString("recipient_participant_id"),
                Role.valueOf(r.getString("recipient_role")),
                Language.fromCode(r.getString("language")),
                r.getInteger("attempts"),
                r.getOffsetDateTime("scheduled_for").toInstant(),
                r.getUUID("obligation_id"),
                r.getString("group_key"),
                r.getString("provider"),
                NoticeData.fromMap(template, Map.copyOf(data)),
                r.getString("traceparent"));
    }
}
