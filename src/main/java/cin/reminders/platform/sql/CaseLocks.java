package cin.reminders.platform.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;

/**
 * One writer per case at a time: a transaction-scoped advisory lock per case id, taken by every
 * path that changes a case (Kafka and HTTP ingestion, the completion of distributions). Advisory
 * locks live in memory: unlike {@code SELECT ... FOR UPDATE} they write nothing to the table or the
 * WAL, which matters at tens of thousands of events a second. Taken in one sorted order, so two
 * writers cannot deadlock; released at commit or rollback.
 */
public final class CaseLocks {

    private CaseLocks() {
    }

    public static Uni<Void> lock(SqlConnection c, Collection<String> caseIds) {
        if (caseIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        select pg_advisory_xact_lock(k)
                        from (select distinct hashtextextended(id, 0) as k from unnest($1::text[]) as u(id) order by k) ordered""")
                .execute(Tuple.of((Object) caseIds.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
