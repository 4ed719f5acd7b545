package cin.reminders.notice.repository;

import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.ReminderStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Open obligations whose next reminder is due, claimed with {@code FOR UPDATE SKIP LOCKED} and
 * leased, so any number of replicas can fire reminders without firing one twice.
 */
@ApplicationScoped
public class DueReminders {

    /**
     * An obligation whose reminder is due, with where its ladder stands.
     *
     * @param recovered a previous holder's lease was still on it: that holder died mid-send
     */
    public record Due(UUID id, String caseId, String authority, ObligationKind kind, String ruleId, LocalDate dueDate,
                      Role ownerRole, String ownerParticipantId, LocalDate goodPracticeOn, ReminderStep last,
                      boolean recovered) {
    }

    /**
     * Claims due rungs and leases them in one statement (its own transaction: the row locks last only
     * as long as the statement; the lease keeps other replicas off until {@code leaseUntil}).
     */
    public Uni<List<Due>> claim(Pool pool, String replica, Instant now, Instant leaseUntil, int limit) {
        return pool.preparedQuery("""
                        with due as (
                            select id, reminder_lease from obligation
                            where status = 'OPEN' and next_reminder_at <= $1
                            order by next_reminder_at
                            limit $2
                            for update skip locked)
                        update obligation o set next_reminder_at = $3, reminder_lease = $4
                        from due where o.id = due.id
                        returning o.id, o.case_id, o.authority, o.kind, o.rule_id, o.due_date, o.owner_role,
                                  o.owner_participant_id, o.good_practice_on, o.last_reminder_step, o.last_reminder_at,
                                  due.reminder_lease as prior_lease""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit, leaseUntil.atOffset(ZoneOffset.UTC), replica))
                .map(rows -> {
                    List<Due> out = new ArrayList<>();
                    for (Row r : rows) {
                        String lastKey = r.getString("last_reminder_step");
                        OffsetDateTime lastAt = r.getOffsetDateTime("last_reminder_at");
                        out.add(new Due(r.getUUID("id"), r.getString("case_id"), r.getString("authority"),
                                ObligationKind.valueOf(r.getString("kind")), r.getString("rule_id"),
                                r.getLocalDate("due_date"), Role.valueOf(r.getString("owner_role")),
                                r.getString("owner_participant_id"), r.getLocalDate("good_practice_on"),
                                lastKey == null ? null : new ReminderStep(lastKey, lastAt.toInstant()),
                                r.getString("prior_lease") != null));
                    }
                    return out;
                });
    }

    /** Where each ladder moves to: the step just fired (or null) and the next one (or null: no more). */
    public record Advance(UUID id, ReminderStep fired, ReminderStep next) {
    }

    public Uni<Void> advance(SqlConnection c, List<Advance> advances) {
        if (advances.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = advances.size();
        UUID[] ids = new UUID[n];
        String[] firedKeys = new String[n];
        OffsetDateTime[] firedAt = new OffsetDateTime[n];
        String[] nextKeys = new String[n];
        OffsetDateTime[] nextAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Advance a = advances.get(i);
            ids[i] = a.id();
            firedKeys[i] = a.fired() == null ? null : a.fired().key();
            firedAt[i] = a.fired() == null ? null : a.fired().at().atOffset(ZoneOffset.UTC);
            nextKeys[i] = a.next() == null ? null : a.next().key();
            nextAt[i] = a.next() == null ? null : a.next().at().atOffset(ZoneOffset.UTC);
        }
        return c.preparedQuery("""
                        update obligation o set
                            last_reminder_step = coalesce(u.fired_key, o.last_reminder_step),
                            last_reminder_at = coalesce(u.fired_at, o.last_reminder_at),
                            next_reminder_step = u.next_key, next_reminder_at = u.next_at, reminder_lease = null,
                            updated_at = now()
                        from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[])
                            as u(id, fired_key, fired_at, next_key, next_at)
                        where o.id = u.id and o.status = 'OPEN'""")
                .execute(Tuple.of(ids, firedKeys, firedAt, nextKeys, nextAt))
                .replaceWithVoid();
    }
}
