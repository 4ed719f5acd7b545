package cin.reminders.obligation.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code calendar_state} table (V16): the calendar each council's open obligations were last re-dated to, so
 * that a start whose calendar has not changed reads one row and is done.
 */
@ApplicationScoped
public class CalendarStateStore {

    /** The fingerprint the council's obligations were last re-dated to; empty before the first re-dating. */
    public Uni<Optional<String>> fingerprint(SqlClient c, String authority) {
        return c.preparedQuery("select fingerprint from calendar_state where authority = $1")
                .execute(Tuple.of(authority))
                .map(rows -> rows.size() == 0 ? Optional.<String>empty()
                        : Optional.ofNullable(rows.iterator().next().getString("fingerprint")));
    }

    /** The council's open obligations are all computed in the calendar {@code fingerprint} now. */
    public Uni<Void> redatedTo(SqlClient c, String authority, String fingerprint, Instant at) {
        return c.preparedQuery("""
                        insert into calendar_state (authority, fingerprint, redated_at) values ($1, $2, $3)
                        on conflict (authority) do update set fingerprint = excluded.fingerprint, redated_at = excluded.redated_at""")
                .execute(Tuple.of(authority, fingerprint, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
