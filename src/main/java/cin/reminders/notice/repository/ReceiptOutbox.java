package cin.reminders.notice.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox of notice outcomes: written in the same transaction as the outcome,
 * relayed to the {@code notice-receipts} topic afterwards, so no outcome is published that did not
 * happen, and none that happened is lost.
 */
public final class ReceiptOutbox {

    private ReceiptOutbox() {
    }

    public static Uni<Void> add(SqlConnection c, List<UUID> noticeIds, List<String> caseIds, List<String> statuses, Instant at) {
        if (noticeIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        insert into receipt_outbox (notice_id, case_id, status, occurred_at)
                        select * , $4::timestamptz from unnest($1::uuid[], $2::text[], $3::text[])""")
                .execute(Tuple.of(noticeIds.toArray(UUID[]::new), caseIds.toArray(String[]::new),
                        statuses.toArray(String[]::new), at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

}
