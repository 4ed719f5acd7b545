package cin.reminders.notice.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The {@code digest_day} table (V18): which councils' digests of which day have been planned, so that two replicas
 * or a restart plan each day once.
 */
@ApplicationScoped
public class DigestDayStore {

    /** Claims the planning of a council's day: true for the one transaction that does it, false if done already. */
    public Uni<Boolean> claim(SqlConnection c, String authority, LocalDate day, Instant at) {
        return c.preparedQuery("""
                        insert into digest_day (authority, day, planned_at, digests) values ($1, $2, $3, 0)
                        on conflict (authority, day) do nothing returning day""")
                .execute(Tuple.of(authority, day, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() == 1);
    }

    /** How many digests the planning of the day wrote (for operators reading the table). */
    public Uni<Void> planned(SqlConnection c, String authority, LocalDate day, int digests) {
        return c.preparedQuery("update digest_day set digests = $3 where authority = $1 and day = $2")
                .execute(Tuple.of(authority, day, digests))
                .replaceWithVoid();
    }
}
