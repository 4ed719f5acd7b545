package cin.reminders.obligation.repository;

import cin.reminders.platform.sql.Columns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code obligation_history} table (V16): each change of an obligation's due date, and its cause. One row per
 * obligation, change and cause, so that recording a change twice (re-dating run again, or by two replicas at once)
 * records it once, and only the one that recorded it tells the owner.
 */
@ApplicationScoped
public class ObligationHistoryStore {

    /** What can change; its stored name. */
    public enum Change {
        DUE_DATE_CHANGED("due-date-changed");

        private final String code;

        Change(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A due date moved, and why ({@code calendar <fingerprint>}). */
    public record DueDateChange(UUID obligationId, String authority, String cause, Instant at, LocalDate oldDue,
                                LocalDate newDue) {

        /** The cause of a move by a change of calendar. */
        public static String calendar(String fingerprint) {
            return "calendar " + fingerprint;
        }
    }

    /** Records the moves; the obligations whose move was recorded now (not before). */
    public Uni<Set<UUID>> recordDueDateChanges(SqlConnection c, List<DueDateChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return c.preparedQuery("""
                        insert into obligation_history (obligation_id, authority, change, cause, at, old_due, new_due)
                        select u.id, u.authority, $3, u.cause, u.at, u.old_due, u.new_due
                        from unnest($1::uuid[], $2::text[], $4::text[], $5::timestamptz[], $6::date[], $7::date[])
                            as u(id, authority, cause, at, old_due, new_due)
                        on conflict (obligation_id, change, cause) do nothing
                        returning obligation_id""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(changes, UUID.class, DueDateChange::obligationId),
                        Columns.of(changes, String.class, DueDateChange::authority),
                        Change.DUE_DATE_CHANGED.code(),
                        Columns.of(changes, String.class, DueDateChange::cause),
                        Columns.of(changes, OffsetDateTime.class, ch -> ch.at().atOffset(ZoneOffset.UTC)),
                        Columns.of(changes, LocalDate.class, DueDateChange::oldDue),
                        Columns.of(changes, LocalDate.class, DueDateChange::newDue))))
                .map(rows -> {
                    Set<UUID> recorded = new HashSet<>();
                    rows.forEach(r -> recorded.add(r.getUUID("obligation_id")));
                    return recorded;
                });
    }

    /** The due-date changes of each obligation, oldest first. */
    public Uni<Map<UUID, List<DueDateChange>>> dueDateChanges(SqlClient c, Collection<UUID> obligationIds) {
        if (obligationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("""
                        select * from obligation_history where obligation_id = any($1) and change = $2
                        order by obligation_id, at""")
                .execute(Tuple.of(obligationIds.toArray(UUID[]::new), Change.DUE_DATE_CHANGED.code()))
                .map(rows -> {
                    Map<UUID, List<DueDateChange>> m = new HashMap<>();
                    for (Row r : rows) {
                        m.computeIfAbsent(r.getUUID("obligation_id"), k -> new ArrayList<>()).add(new DueDateChange(
                                r.getUUID("obligation_id"), r.getString("authority"), r.getString("cause"),
                                r.getOffsetDateTime("at").toInstant(), r.getLocalDate("old_due"), r.getLocalDate("new_due")));
                    }
                    return m;
                });
    }
}
