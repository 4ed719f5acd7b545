package cin.reminders.notice.repository;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.ReminderStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.platform.sql.Columns;
import cin.reminders.platform.sql.StatusNames;
import java.util.Map;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.HashSet;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlResult;

/**
 * The {@code reminder_rung} table: reminder ladders as rows, one per open obligation with a rung to come,
 * written where obligations open and close (on the caller's transaction). Due rungs are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and leased, so any number of replicas can fire reminders without firing
 * one twice.
 */
@ApplicationScoped
public class ReminderRungStore {

    private static final String CLAIM = claim("due_at <= $1 and (lease_until is null or ($5::bool and lease_until <= $1))");

    /**
     * Staging's claim: rungs falling due after now ($5) and by $1, never leased and not born past (those wait on the
     * settle rule, judged when they fall due).
     */
    private static final String CLAIM_AHEAD = claim("due_at > $5 and due_at <= $1 and lease_until is null and born_past is null");

    private static String claim(String which) {
        return StatusNames.in("""
            with due as (
                select obligation_id, lease from reminder_rung
                where %s
                order by due_at
                limit $2
                for update skip locked)
            update reminder_rung r set lease = $4, lease_until = $3
            from due join obligation o on o.id = due.obligation_id
            where r.obligation_id = due.obligation_id
            returning r.obligation_id, o.case_id, o.authority, o.kind, o.rule_id, o.due_date, o.owner_role,
                      o.owner_participant_id, o.good_practice_on, o.status = {OPEN} as open, r.last_step, r.last_at,
                      due.lease as prior_lease, r.step, r.due_at, r.born_past,
                      -- the settle rule's re-check, read only for a rung born past (a case's row, by its key)
                      case when r.born_past is not null then
                          (select c.last_event_at from case_record c where c.authority = o.authority and c.case_id = o.case_id)
                      end as last_event_at""".formatted(which), ObligationStatus.class);
    }

    /** The next rung of each open obligation of a case: what a ladder will send, and when. */
    public record Ladder(UUID obligationId, Role ownerRole, String ownerParticipantId, ReminderStep next) {
    }

    /**
     * The first rung of a new obligation's ladder.
     *
     * @param bornPast when the obligation was created already past this rung (it waits out the settle period), or null
     */
    public record First(ReminderStep step, Instant bornPast) {

        public static First ordinary(ReminderStep step) {
            return new First(step, null);
        }
    }

    /** The first rung of each new obligation's ladder (ingestion, on its transaction). */
    public Uni<Void> insertFirst(SqlConnection c, Map<UUID, First> first) {
        if (first.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<UUID, First>> rows = List.copyOf(first.entrySet());
        return c.preparedQuery("""
                        insert into reminder_rung (obligation_id, authority, due_at, step, born_past)
                        select u.id, o.authority, u.due_at, u.step, u.born_past
                        from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[]) as u(id, due_at, step, born_past)
                        join obligation o on o.id = u.id -- the rung's council is its obligation's
                        on conflict (obligation_id) do nothing""")
                .execute(Tuple.of(
                        Columns.of(rows, UUID.class, Map.Entry::getKey),
                        Columns.of(rows, OffsetDateTime.class, e -> e.getValue().step().at().atOffset(ZoneOffset.UTC)),
                        Columns.of(rows, String.class, e -> e.getValue().step().key()),
                        Columns.of(rows, OffsetDateTime.class,
                                e -> e.getValue().bornPast() == null ? null : e.getValue().bornPast().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /**
     * The step each ladder last sent (empty: none yet), locked for the transaction: for ladders re-timed because their
     * due date moved. An obligation with no rung is absent.
     */
    public Uni<Map<UUID, Optional<ReminderStep>>> lastSent(SqlConnection c, UUID[] obligationIds) {
        if (obligationIds.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("select obligation_id, last_step, last_at from reminder_rung where obligation_id = any($1) for update")
                .execute(Tuple.of((Object) obligationIds))
                .map(rows -> {
                    Map<UUID, Optional<ReminderStep>> m = new java.util.HashMap<>();
                    for (Row r : rows) {
                        String key = r.getString("last_step");
                        m.put(r.getUUID("obligation_id"), key == null ? Optional.empty()
                                : Optional.of(new ReminderStep(key, r.getOffsetDateTime("last_at").toInstant())));
                    }
                    return m;
                });
    }

    /**
     * Moves each ladder to a new next rung, its due date having moved: what was sent stays recorded (a ladder never
     * goes back), and a lease held now stays with its holder. An obligation with no rung gets one.
     */
    public Uni<Void> retime(SqlConnection c, Map<UUID, ReminderStep> next) {
        if (next.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<UUID, ReminderStep>> rows = List.copyOf(next.entrySet());
        return c.preparedQuery("""
                        insert into reminder_rung (obligation_id, authority, due_at, step)
                        select u.id, o.authority, u.due_at, u.step
                        from unnest($1::uuid[], $2::timestamptz[], $3::text[]) as u(id, due_at, step)
                        join obligation o on o.id = u.id
                        on conflict (obligation_id) do update set due_at = excluded.due_at, step = excluded.step""")
                .execute(Tuple.of(
                        Columns.of(rows, UUID.class, Map.Entry::getKey),
                        Columns.of(rows, OffsetDateTime.class, e -> e.getValue().at().atOffset(ZoneOffset.UTC)),
                        Columns.of(rows, String.class, e -> e.getValue().key())))
                .replaceWithVoid();
    }

    /** The ladders of obligations that closed: nothing more is sent for them. */
    public Uni<Void> removeFor(SqlConnection c, UUID[] obligationIds) {
        if (obligationIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("delete from reminder_rung where obligation_id = any($1)")
                .execute(Tuple.of((Object) obligationIds))
                .replaceWithVoid();
    }

    /** The ladders of a case's open obligations. */
    public Uni<List<Ladder>> forCase(SqlClient c, CaseRef ref) {
        return c.preparedQuery(LADDERS_OF_CASE).execute(Tuple.of(ref.authority(), ref.caseId())).map(rows -> {
            List<Ladder> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Ladder(r.getUUID("id"), Role.valueOf(r.getString("owner_role")), r.getString("owner_participant_id"),
                        new ReminderStep(r.getString("step"), r.getOffsetDateTime("due_at").toInstant())));
            }
            return out;
        });
    }

    private static final String LADDERS_OF_CASE = StatusNames.in("""
            select o.id, o.owner_role, o.owner_participant_id, r.due_at, r.step
            from obligation o join reminder_rung r on r.obligation_id = o.id
            where o.authority = $1 and o.case_id = $2 and o.status = {OPEN}""", ObligationStatus.class);

    /**
     * An obligation whose reminder is due, with where its ladder stands.
     *
     * @param open whether the obligation is still open (a rung of a closed one is only cleared away)
     * @param recovered a previous holder's lease was still on it: that holder died mid-send
     * @param rung the rung claimed (its key and due time)
     * @param bornPast when the obligation was created already past this rung, or null (an ordinary rung)
     * @param lastEventAt when the case last had an event applied, read only for a rung born past (else null)
     */
    public record Due(UUID id, String caseId, String authority, ObligationKind kind, String ruleId, LocalDate dueDate,
                      Role ownerRole, String ownerParticipantId, LocalDate goodPracticeOn, ReminderStep last,
                      boolean open, boolean recovered, ReminderStep rung, Instant bornPast, Instant lastEventAt) {

        /** The case it is on. */
        public CaseRef ref() {
            return new CaseRef(authority, caseId);
        }
    }

    /**
     * Claims due rungs and leases them in one statement (its own transaction: the row locks last only
     * as long as the statement; the lease keeps other replicas off until {@code leaseUntil}). The lease
     * changes no indexed column, so it is a HOT update; {@code due_at} moves only when the ladder does.
     */
    public Uni<List<Due>> claim(Pool pool, String replica, Instant now, Instant leaseUntil, int limit, boolean takeOverExpired) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit, leaseUntil.atOffset(ZoneOffset.UTC), replica, takeOverExpired))
                .map(ReminderRungStore::due);
    }

    /**
     * Claims rungs that fall due after {@code now} and by {@code until}, and leases them until {@code leaseUntil}: staged
     * ahead of their instant (ReminderStaging). Their leases keep every other firer off them meanwhile.
     */
    public Uni<List<Due>> claimAhead(Pool pool, String replica, Instant now, Instant until, Instant leaseUntil, int limit) {
        return pool.preparedQuery(CLAIM_AHEAD)
                .execute(Tuple.of(until.atOffset(ZoneOffset.UTC), limit, leaseUntil.atOffset(ZoneOffset.UTC), replica,
                        now.atOffset(ZoneOffset.UTC)))
                .map(ReminderRungStore::due);
    }

    /**
     * Of staged rungs, those this replica still holds as it staged them: its lease still on them, the same step due at
     * the same time (not re-timed by a moved due date meanwhile), their obligation still open.
     */
    public Uni<Set<UUID>> stillHeld(Pool pool, String replica, List<Due> staged) {
        // Looked up by key, and compared here: a join on the staged arrays let the planner, which takes a lease for
        // rare, rescan them once per leased row (70 s for a wave of 26,000 rungs, measured).
        Map<UUID, Due> byId = new java.util.HashMap<>();
        staged.forEach(d -> byId.put(d.id(), d));
        return pool.preparedQuery(StatusNames.in("""
                        select r.obligation_id, r.lease, r.step, r.due_at, o.status = {OPEN} as open
                        from reminder_rung r join obligation o on o.id = r.obligation_id
                        where r.obligation_id = any($1::uuid[])""", ObligationStatus.class))
                .execute(Tuple.of(Columns.of(staged, UUID.class, Due::id)))
                .map(rows -> {
                    Set<UUID> out = new HashSet<>();
                    for (Row r : rows) {
                        Due d = byId.get(r.getUUID("obligation_id"));
                        if (d != null && replica.equals(r.getString("lease")) && d.rung().key().equals(r.getString("step"))
                                && d.rung().at().equals(r.getOffsetDateTime("due_at").toInstant()) && r.getBoolean("open")) {
                            out.add(d.id());
                        }
                    }
                    return out;
                });
    }

    /** Lifts this replica's lease from rungs it staged and will not send (a stop, or a rung changed meanwhile); how many. */
    public Uni<Integer> release(Pool pool, String replica, UUID[] obligationIds) {
        if (obligationIds.length == 0) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery("update reminder_rung set lease = null, lease_until = null where obligation_id = any($1) and lease = $2")
                .execute(Tuple.of(obligationIds, replica))
                .map(SqlResult::rowCount);
    }

    private static List<Due> due(RowSet<Row> rows) {
        List<Due> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            String lastKey = r.getString("last_step");
            OffsetDateTime lastAt = r.getOffsetDateTime("last_at");
            out.add(new Due(r.getUUID("obligation_id"), r.getString("case_id"), r.getString("authority"),
                    ObligationKind.valueOf(r.getString("kind")), r.getString("rule_id"),
                    r.getLocalDate("due_date"), Role.valueOf(r.getString("owner_role")),
                    r.getString("owner_participant_id"), r.getLocalDate("good_practice_on"),
                    lastKey == null ? null : new ReminderStep(lastKey, lastAt.toInstant()),
                    r.getBoolean("open"), r.getString("prior_lease") != null,
                    new ReminderStep(r.getString("step"), r.getOffsetDateTime("due_at").toInstant()),
                    Columns.instant(r, "born_past"), Columns.instant(r, "last_event_at")));
        }
        return out;
    }

    /** The earliest rung due after {@code now}, if any: when the firer should next look. */
    public Uni<Optional<Instant>> nextAfter(Pool pool, Instant now) {
        return pool.preparedQuery("select min(due_at) from reminder_rung where due_at > $1")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0)).map(OffsetDateTime::toInstant));
    }

    /** Where each ladder moves to: the step just fired (or null) and the next one (or null: no more). */
    public record Advance(UUID id, ReminderStep fired, ReminderStep next) {
    }

    /** Moves each ladder to its next rung and lifts the lease; a ladder with no rung to come is removed. */
    public Uni<Void> advance(SqlConnection c, List<Advance> advances) {
        List<Advance> moving = advances.stream().filter(a -> a.next() != null).toList();
        UUID[] ended = advances.stream().filter(a -> a.next() == null).map(Advance::id).toArray(UUID[]::new);
        Uni<Void> remove = removeFor(c, ended);
        if (moving.isEmpty()) {
            return remove;
        }
        int n = moving.size();
        UUID[] ids = new UUID[n];
        String[] firedKeys = new String[n];
        OffsetDateTime[] firedAt = new OffsetDateTime[n];
        String[] nextKeys = new String[n];
        OffsetDateTime[] nextAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Advance a = moving.get(i);
            ids[i] = a.id();
            firedKeys[i] = a.fired() == null ? null : a.fired().key();
            firedAt[i] = a.fired() == null ? null : a.fired().at().atOffset(ZoneOffset.UTC);
            nextKeys[i] = a.next().key();
            nextAt[i] = a.next().at().atOffset(ZoneOffset.UTC);
        }
        return remove.chain(() -> c.preparedQuery("""
                        update reminder_rung r set due_at = u.next_at, step = u.next_key,
                            last_step = coalesce(u.fired_key, r.last_step), last_at = coalesce(u.fired_at, r.last_at),
                            -- a rung born past stays so while it is only postponed; once one fires, the rest are ordinary
                            born_past = case when u.fired_key is null then r.born_past end,
                            lease = null, lease_until = null
                        from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[])
                            as u(id, fired_key, fired_at, next_key, next_at)
                        where r.obligation_id = u.id""")
                .execute(Tuple.of(ids, firedKeys, firedAt, nextKeys, nextAt))
                .replaceWithVoid());
    }
}
