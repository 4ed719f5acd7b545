package cin.reminders.audit.repository;

import cin.reminders.domain.audit.Access;
import cin.reminders.platform.sql.Columns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code access_log} table (V8): every statement on it and its row mapping. Append-only: entries are
 * inserted, read, and deleted only by the retention purge; there is no update (and the service's database role
 * holds no UPDATE or DELETE on it, V9).
 */
@ApplicationScoped
public class AccessLogStore {

    /** A batch of reads, in one statement. */
    public Uni<Void> insert(SqlClient c, List<Access> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        insert into access_log (authority, case_id, subject, role, endpoint, read_at)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])""")
                .execute(Tuple.of(
                        Columns.of(batch, String.class, Access::authority),
                        Columns.of(batch, String.class, Access::caseId),
                        Columns.of(batch, String.class, Access::subject),
                        Columns.of(batch, String.class, Access::role),
                        Columns.of(batch, String.class, Access::endpoint),
                        Columns.of(batch, OffsetDateTime.class, a -> a.at().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** One case's reads, newest first, at most {@code limit}. */
    public Uni<List<Access>> forCase(SqlClient c, String authority, String caseId, int limit) {
        return c.preparedQuery("""
                        select authority, case_id, subject, role, endpoint, read_at from access_log
                        where authority = $1 and case_id = $2
                        order by read_at desc, id desc
                        limit $3""")
                .execute(Tuple.of(authority, caseId, limit))
                .map(rows -> {
                    List<Access> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(access(r));
                    }
                    return out;
                });
    }

    /**
     * Deletes up to {@code limit} of the entries read before {@code cutoff}, oldest first (a bounded statement, so a
     * first purge of a large backlog holds no long lock). The service's role may not delete from the log: the purge
     * is the owner's function {@code cin_purge_access_log} (V9), which also keeps every entry younger than a year.
     *
     * @return how many were deleted (fewer than {@code limit}: none older is left)
     */
    public Uni<Integer> purgeOlderThan(SqlClient c, Instant cutoff, int limit) {
        return c.preparedQuery("select cin_purge_access_log($1, $2)")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    private static Access access(Row r) {
        return new Access(r.getString("authority"), r.getString("case_id"), r.getString("subject"), r.getString("role"),
                r.getString("endpoint"), r.getOffsetDateTime("read_at").toInstant());
    }
}
