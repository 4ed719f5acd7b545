package cin.reminders.notice.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.CaseLocks;

/**
 * A distribution is complete when none of its notices is pending and every recipient has at least
 * one notice SENT, DELIVERED or SUPPRESSED (a failed text followed by a delivered email counts).
 * Completing it fulfils its obligations (CONTRACT.md §1), under the same case lock ingestion takes,
 * so a concurrent event on the case cannot overwrite the fulfilment with a stale view.
 */
@ApplicationScoped
public class DistributionCompletion {

    public Uni<Void> completeReady(SqlConnection c, Collection<String> groupKeys, Instant now) {
        if (groupKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        select g.group_key, g.case_id, g.obligation_ids
                        from dispatch_group g
                        where g.group_key = any($1) and g.completed_at is null
                          and not exists (select 1 from notice n where n.group_key = g.group_key
                                          and n.status in ('SCHEDULED', 'SENDING'))
                          and not exists (select 1 from notice n where n.group_key = g.group_key
                                          group by n.recipient_participant_id
                                          having not bool_or(n.status in ('SENT', 'DELIVERED', 'SUPPRESSED')))""")
                .execute(Tuple.of((Object) groupKeys.toArray(String[]::new)))
                .chain(rows -> complete(c, rows, now));
    }

    /** Distributions whose notices were all settled when they were planned (all suppressed, say). */
    public Uni<Void> completeSettled(SqlConnection c, Instant now, int limit) {
        return c.preparedQuery("""
                        select group_key from dispatch_group where completed_at is null order by created_at limit $1
                        for update skip locked""")
                .execute(Tuple.of(limit))
                .chain(rows -> {
                    List<String> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(r.getString("group_key")));
                    return completeReady(c, keys, now);
                });
    }

    private Uni<Void> complete(SqlConnection c, Iterable<Row> rows, Instant now) {
        List<String> groups = new ArrayList<>();
        TreeSet<String> cases = new TreeSet<>();
        List<UUID> obligations = new ArrayList<>();
        for (Row r : rows) {
            groups.add(r.getString("group_key"));
            cases.add(r.getString("case_id"));
            for (Object id : r.getArrayOfUUIDs("obligation_ids")) {
                obligations.add((UUID) id);
            }
        }
        if (groups.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate today = now.atZone(ServiceClock.LONDON).toLocalDate();
        UUID[] ids = obligations.toArray(UUID[]::new);
        return CaseLocks.lock(c, cases)
                .chain(() -> c.preparedQuery("""
                                update obligation set status = 'COMPLETED', close_reason = 'FULFILLED', closed_on = $2,
                                    closed_by = 'dispatch', updated_at = now()
                                where id = any($1) and status = 'OPEN'""")
                        .execute(Tuple.of(ids, today)))
                .chain(() -> ReminderRungs.removeFor(c, ids))
                .chain(() -> c.preparedQuery("""
                                delete from notice where obligation_id = any($1) and status = 'SCHEDULED'
                                    and template in ('obligation-reminder', 'obligation-overdue')""")
                        .execute(Tuple.of((Object) ids)))
                .chain(() -> c.preparedQuery("update dispatch_group set completed_at = $2 where group_key = any($1)")
                        .execute(Tuple.of(groups.toArray(String[]::new), now.atOffset(java.time.ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
