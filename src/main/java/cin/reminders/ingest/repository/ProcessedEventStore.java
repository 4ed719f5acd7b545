package cin.reminders.ingest.repository;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.EventKey;
import cin.reminders.platform.sql.Columns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** The {@code processed_event} table, the ledger of applied events: deduplication on {@code (source, id)} in the same transaction as the effects. */
@ApplicationScoped
public class ProcessedEventStore {

    /**
     * Records the events' keys and returns those that were not there before. A concurrent writer
     * of the same key waits on the unique index and then finds it taken, so each key is claimed once.
     */
    public Uni<Set<EventKey>> claim(SqlConnection c, List<CaseEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        TreeMap<EventKey, CaseEvent> byKey = new TreeMap<>(); // sorted: a fixed lock order across writers
        events.forEach(e -> byKey.putIfAbsent(e.key(), e));
        List<CaseEvent> rows = List.copyOf(byKey.values());
        return c.preparedQuery("""
                        insert into processed_event (source, event_id, authority, case_id, type)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                        on conflict do nothing
                        returning source, event_id""")
                .execute(Tuple.of(
                        Columns.of(rows, String.class, CaseEvent::source),
                        Columns.of(rows, String.class, CaseEvent::id),
                        Columns.of(rows, String.class, CaseEvent::authority),
                        Columns.of(rows, String.class, CaseEvent::caseId),
                        Columns.of(rows, String.class, e -> e.type().type())))
                .map(inserted -> {
                    Set<EventKey> fresh = new HashSet<>();
                    inserted.forEach(r -> fresh.add(new EventKey(r.getString("source"), r.getString("event_id"))));
                    return fresh;
                });
    }
}
