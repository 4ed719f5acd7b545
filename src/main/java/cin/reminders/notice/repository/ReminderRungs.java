package cin.reminders.notice.repository;

import cin.reminders.domain.notice.ReminderStep;
import cin.reminders.platform.sql.Columns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reminder ladders as rows ({@code reminder_rung}), one per open obligation with a rung to come:
 * written where obligations open and close, on the caller's transaction. {@link DueReminders} fires them.
 */
public final class ReminderRungs {

    private ReminderRungs() {
    }

    /** The first rung of each new obligation's ladder (ingestion, on its transaction). */
    public static Uni<Void> insertFirst(SqlConnection c, Map<UUID, ReminderStep> first) {
        if (first.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<UUID, ReminderStep>> rows = List.copyOf(first.entrySet());
        return c.preparedQuery("""
                        insert into reminder_rung (obligation_id, due_at, step)
                        select * from unnest($1::uuid[], $2::timestamptz[], $3::text[])
                        on conflict (obligation_id) do nothing""")
                .execute(Tuple.of(
                        Columns.of(rows, UUID.class, Map.Entry::getKey),
                        Columns.of(rows, OffsetDateTime.class, e -> e.getValue().at().atOffset(ZoneOffset.UTC)),
                        Columns.of(rows, String.class, e -> e.getValue().key())))
                .replaceWithVoid();
    }

    /** The ladders of obligations that closed: nothing more is sent for them. */
    public static Uni<Void> removeFor(SqlConnection c, UUID[] obligationIds) {
        if (obligationIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("delete from reminder_rung where obligation_id = any($1)")
                .execute(Tuple.of((Object) obligationIds))
                .replaceWithVoid();
    }
}
