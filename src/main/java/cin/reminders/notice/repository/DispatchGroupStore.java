package cin.reminders.notice.repository;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.notice.DistributionGroup;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.platform.sql.Columns;
import cin.reminders.platform.sql.StatusNames;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The {@code dispatch_group} table: the distributions (copies of one document to everyone it goes to)
 * and the obligations each fulfils once it is complete.
 */
@ApplicationScoped
public class DispatchGroupStore {

    /**
     * Complete: none of its notices is pending, and every recipient has at least one notice SENT,
     * DELIVERED or SUPPRESSED (a failed text followed by a
     * delivered email counts).
     */
    private static final String READY = StatusNames.in("""
            select g.group_key, g.authority, g.case_id, g.obligation_ids
            from dispatch_group g
            where g.group_key = any($1) and g.completed_at is null
              and not exists (select 1 from notice n where n.group_key = g.group_key
                              and n.status in ({SCHEDULED}, {SENDING}))
              and not exists (select 1 from notice n where n.group_key = g.group_key
                              group by n.recipient_participant_id
                              having not bool_or(n.status in ({SENT}, {DELIVERED}, {SUPPRESSED})))""",
            NoticeStatus.class);

    /** A distribution whose notices are all settled, with the obligations it fulfils. */
    public record Ready(String groupKey, CaseRef caseRef, List<UUID> obligationIds) {
    }

    public Uni<Void> insert(SqlConnection c, Collection<DistributionGroup> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DistributionGroup> rows = List.copyOf(groups);
        // uuid[][] cannot be passed as ragged arrays: obligation ids travel as comma-joined text and are split in SQL.
        return c.preparedQuery("""
                        insert into dispatch_group (group_key, authority, case_id, obligation_ids)
                        select u.key, u.authority, u.case_id, coalesce(string_to_array(nullif(u.ids, ''), ',')::uuid[], '{}')
                        from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as u(key, authority, case_id, ids)
                        on conflict (group_key) do nothing""")
                .execute(Tuple.of(
                        Columns.of(rows, String.class, g -> g.key().value()),
                        Columns.of(rows, String.class, g -> g.caseRef().authority()),
                        Columns.of(rows, String.class, g -> g.caseRef().caseId()),
                        Columns.of(rows, String.class, g -> String.join(",", g.obligationIds().stream().map(UUID::toString).toList()))))
                .replaceWithVoid();
    }

    /** The cases of the named distributions not yet complete: whose locks completing them takes first. */
    public Uni<List<CaseRef>> casesOf(SqlConnection c, Collection<String> groupKeys) {
        return c.preparedQuery("""
                        select distinct authority, case_id from dispatch_group
                        where group_key = any($1) and completed_at is null""")
                .execute(Tuple.of((Object) groupKeys.toArray(String[]::new)))
                .map(rows -> {
                    List<CaseRef> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new CaseRef(r.getString("authority"), r.getString("case_id"))));
                    return out;
                });
    }

    /** Those of the named distributions that are now complete and not yet marked so. */
    public Uni<List<Ready>> ready(SqlConnection c, Collection<String> groupKeys) {
        return c.preparedQuery(READY).execute(Tuple.of((Object) groupKeys.toArray(String[]::new))).map(rows -> {
            List<Ready> out = new ArrayList<>();
            for (Row r : rows) {
                List<UUID> ids = new ArrayList<>();
                for (Object id : r.getArrayOfUUIDs("obligation_ids")) {
                    ids.add((UUID) id);
                }
                out.add(new Ready(r.getString("group_key"), new CaseRef(r.getString("authority"), r.getString("case_id")), ids));
            }
            return out;
        });
    }

    /**
     * The oldest distributions not yet complete. Not locked: completing one takes its case's lock first, as ingestion
     * does, and a row locked here before that lock deadlocked against a completion already holding it.
     */
    public Uni<List<String>> oldestOpen(SqlConnection c, int limit) {
        return c.preparedQuery("""
                        select group_key from dispatch_group where completed_at is null order by created_at limit $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<String> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(r.getString("group_key")));
                    return keys;
                });
    }

    public Uni<Void> markCompleted(SqlConnection c, List<String> groupKeys, Instant at) {
        return c.preparedQuery("update dispatch_group set completed_at = $2 where group_key = any($1)")
                .execute(Tuple.of(groupKeys.toArray(String[]::new), at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
