package cin.reminders.obligation.repository;

import cin.reminders.ingest.repository.CaseRecordStore;
import cin.reminders.domain.model.Councils;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.engine.DueBasis;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.event.EventKey;
import cin.reminders.domain.model.CloseReason;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import cin.reminders.platform.sql.Columns;
import cin.reminders.platform.sql.StatusNames;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code obligation} table: every statement on it, its row mapping, and the definitions the
 * readers share: "open", "overdue" (open with its due date before today, as
 * {@link ObligationStatus#asSeenOn} says in Java), "on time", "late" and "missed".
 * <p>
 * Indexes the reads lean on (V1): open-obligation counts and lists are range scans of the partial
 * indexes {@code obligation_open_due (due_date, id)} and {@code obligation_open_authority_due}, both
 * {@code where status = 'OPEN'}: the status is written into the statements as a literal ({@link StatusNames}) so that
 * the planner can use them. Reads by owner, of any status, use {@code obligation_owner_due} (V17). The state gauges count
 * open and overdue obligations from {@code obligation_open_authority_kind_due} alone (V6, {@link #OPEN_BY_KIND}).
 */
@ApplicationScoped
public class ObligationStore {

    /** An obligation as stored, with the council its case belongs to. */
    public record StoredObligation(Obligation obligation, String authority) {
    }

    /** One page of matching obligations, and how many match in all. */
    public record Page(List<StoredObligation> items, long total) {
    }

    /** What a dashboard row groups open obligations by. */
    public enum Grouping { COUNCIL, TEAM, OWNER }

    /**
     * Open obligations overdue and due from today to {@code until}, in one group. {@code team} is set when
     * grouped by team; {@code ownerId}, {@code ownerName} and {@code role} when grouped by owner (the id
     * and name are null for obligations with no owner on the case).
     */
    public record OpenCounts(String authority, String team, String ownerId, String ownerName, String role, long overdue,
                             long dueSoon) {
    }

    /** Obligations of one kind due in a period, by how they ended (see {@link #compliance}). */
    public record Compliance(ObligationKind kind, long onTime, long late, long missed) {
    }

    /** Open and overdue obligations of one council and kind (the state gauges). */
    public record OpenByKind(String authority, String kind, long open, long overdue) {
    }

    private static final String OPEN = "status = {OPEN}";
    private static final String ORDER = "order by due_date asc nulls last, case_id, kind, id";

    /** Overdue among open obligations: the one definition, with the day as a parameter ({@code $n}). */
    private static String pastDue(String alias, String today) {
        return alias + "due_date < " + today;
    }

    private static String sql(String text) {
        return StatusNames.in(text, ObligationStatus.class);
    }

    private static final String OPEN_FOR_CASES = sql("select o.* from obligation o join unnest($1::text[], $2::text[]) as u(a, id)"
            + " on o.authority = u.a and o.case_id = u.id where o." + OPEN);

    // ---- Ingestion ---------------------------------------------------------------------------------

    /** The open obligations of each named case. */
    public Uni<Map<CaseRef, List<Obligation>>> openForCases(SqlClient c, Collection<CaseRef> refs) {
        return c.preparedQuery(OPEN_FOR_CASES)
                .execute(CaseRecordStore.refsTuple(refs))
                .map(rows -> {
                    Map<CaseRef, List<Obligation>> m = new HashMap<>();
                    rows.forEach(r -> {
                        Obligation o = row(r);
                        m.computeIfAbsent(o.caseRef(), k -> new ArrayList<>()).add(o);
                    });
                    return m;
                });
    }

    /** Obligations closed or re-owned by a batch. */
    public Uni<Void> update(SqlConnection c, Collection<Obligation> updated) {
        if (updated.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Obligation> rows = List.copyOf(updated);
        return c.preparedQuery("""
                        update obligation o set status = u.status, owner_participant_id = u.owner, closed_on = u.closed_on,
                            close_reason = u.close_reason, closed_by = u.closed_by, updated_at = now()
                        from unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[])
                            as u(id, status, owner, closed_on, close_reason, closed_by)
                        where o.id = u.id""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(rows, UUID.class, Obligation::id),
                        Columns.names(rows, Obligation::status),
                        Columns.of(rows, String.class, Obligation::ownerParticipantId),
                        Columns.of(rows, LocalDate.class, Obligation::closedOn),
                        Columns.names(rows, Obligation::closeReason),
                        Columns.of(rows, String.class, Obligation::closedBy))))
                .replaceWithVoid();
    }

    /** Obligations created by a batch (once: the id is derived from what created it). */
    public Uni<Void> insert(SqlConnection c, Collection<Obligation> created) {
        if (created.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Obligation> rows = List.copyOf(created);
        return c.preparedQuery("""
                        insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role,
                            owner_participant_id, triggered_by_source, triggered_by_id, triggered_on, agreed_date, breach,
                            good_practice_on, closed_on, close_reason, closed_by, record_kind, policy_version,
                            rule_key, due_rule_key, due_from, due_agreed, calendar_fp, beyond_calendar)
                        select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[],
                            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::date[], $13::date[],
                            $14::bool[], $15::date[], $16::date[], $17::text[], $18::text[], $19::text[], $20::text[],
                            $21::text[], $22::text[], $23::date[], $24::date[], $25::text[], $26::bool[])
                        on conflict (id) do nothing""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(rows, UUID.class, Obligation::id),
                        Columns.of(rows, String.class, Obligation::caseId),
                        Columns.of(rows, String.class, Obligation::authority),
                        Columns.names(rows, Obligation::kind),
                        Columns.of(rows, String.class, Obligation::ruleId),
                        Columns.of(rows, LocalDate.class, Obligation::dueDate),
                        Columns.names(rows, Obligation::status),
                        Columns.names(rows, Obligation::ownerRole),
                        Columns.of(rows, String.class, Obligation::ownerParticipantId),
                        Columns.of(rows, String.class, o -> o.triggeredBy().source()),
                        Columns.of(rows, String.class, o -> o.triggeredBy().id()),
                        Columns.of(rows, LocalDate.class, Obligation::triggeredOn),
                        Columns.of(rows, LocalDate.class, Obligation::agreedDate),
                        Columns.of(rows, Boolean.class, Obligation::breach),
                        Columns.of(rows, LocalDate.class, Obligation::goodPracticeOn),
                        Columns.of(rows, LocalDate.class, Obligation::closedOn),
                        Columns.names(rows, Obligation::closeReason),
                        Columns.of(rows, String.class, Obligation::closedBy),
                        Columns.names(rows, Obligation::record),
                        Columns.of(rows, String.class, Obligation::policyVersion),
                        Columns.of(rows, String.class, o -> basis(o, DueBasis::ruleKey)),
                        Columns.of(rows, String.class, o -> basis(o, DueBasis::dueRuleKey)),
                        Columns.of(rows, LocalDate.class, o -> basis(o, DueBasis::from)),
                        Columns.of(rows, LocalDate.class, o -> basis(o, DueBasis::agreed)),
                        Columns.of(rows, String.class, o -> basis(o, DueBasis::calendar)),
                        Columns.of(rows, Boolean.class, o -> o.dueBasis() != null && o.dueBasis().beyondCalendar()))))
                .replaceWithVoid();
    }

    /** A distribution went out to everyone: its obligations are fulfilled (those still open). */
    public Uni<Void> fulfil(SqlConnection c, UUID[] ids, LocalDate on, String by) {
        return c.preparedQuery(sql("""
                        update obligation set status = {COMPLETED}, close_reason = $3, closed_on = $2,
                            closed_by = $4, updated_at = now()
                        where id = any($1) and\s""" + OPEN))
                .execute(Tuple.of(ids, on, CloseReason.FULFILLED.name(), by))
                .replaceWithVoid();
    }

    // ---- Re-dating (a changed calendar) -------------------------------------------------------------

    /** Where a walk over a council's open obligations stands: after this due date and id. */
    public record Keyset(LocalDate dueDate, UUID id) {
        /** Before every obligation (PostgreSQL orders uuids as unsigned bytes: all zeros is the least). */
        public static final Keyset START = new Keyset(LocalDate.of(1, 1, 1), new UUID(0, 0));
    }

    private static final String COMPUTED_IN_ANOTHER_CALENDAR = sql("""
            select * from obligation
            where authority = $1 and status = {OPEN} and due_date is not null
              and (due_date, id) > ($3, $4) and calendar_fp is distinct from $2
            order by due_date, id
            limit $5
            for update skip locked""");

    /**
     * The next open obligations of a council, in due-date order after {@code after}, whose due date was computed in
     * another calendar than {@code fingerprint}: locked for this transaction, skipping those another replica holds.
     * A range scan of {@code obligation_open_authority_due (authority, due_date, id)} from {@code after} (V16).
     */
    public Uni<List<Obligation>> computedInAnotherCalendar(SqlConnection c, String authority, String fingerprint,
                                                           Keyset after, int limit) {
        return c.preparedQuery(COMPUTED_IN_ANOTHER_CALENDAR)
                .execute(Tuple.of(authority, fingerprint, after.dueDate(), after.id(), limit))
                .map(rows -> {
                    List<Obligation> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(row(r)));
                    return out;
                });
    }

    /** Obligations computed again in a changed calendar: their dates, breach and basis. */
    public Uni<Void> redate(SqlConnection c, List<Obligation> redated) {
        if (redated.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        update obligation o set due_date = u.due_date, good_practice_on = u.good_practice_on,
                            agreed_date = u.agreed_date, breach = u.breach, calendar_fp = u.calendar_fp,
                            beyond_calendar = u.beyond_calendar, updated_at = now()
                        from unnest($1::uuid[], $2::date[], $3::date[], $4::date[], $5::bool[], $6::text[], $7::bool[])
                            as u(id, due_date, good_practice_on, agreed_date, breach, calendar_fp, beyond_calendar)
                        where o.id = u.id""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(redated, UUID.class, Obligation::id),
                        Columns.of(redated, LocalDate.class, Obligation::dueDate),
                        Columns.of(redated, LocalDate.class, Obligation::goodPracticeOn),
                        Columns.of(redated, LocalDate.class, Obligation::agreedDate),
                        Columns.of(redated, Boolean.class, Obligation::breach),
                        Columns.of(redated, String.class, o -> basis(o, DueBasis::calendar)),
                        Columns.of(redated, Boolean.class, o -> o.dueBasis() != null && o.dueBasis().beyondCalendar()))))
                .replaceWithVoid();
    }

    /**
     * Open obligations per council whose due date lies beyond the last year the council's bank-holiday file covers
     * (a state gauge): read from {@code obligation_open_beyond_calendar} alone.
     */
    public Uni<Map<String, Long>> openBeyondCalendar(SqlClient c) {
        return c.preparedQuery(sql("select authority, count(*) as n from obligation where " + OPEN
                        + " and beyond_calendar group by authority"))
                .execute()
                .map(rows -> {
                    Map<String, Long> m = new HashMap<>();
                    rows.forEach(r -> m.put(r.getString("authority"), r.getLong("n")));
                    return m;
                });
    }

    // ---- The timeliness report (CONTRACT-2 §8) --------------------------------------------------------

    /**
     * One obligation due in the report's range, as the report shows it.
     *
     * @param completedOn the day it was fulfilled (null unless {@code COMPLETED})
     * @param team the case's team, when the case-management system has sent one
     */
    public record TimelinessRow(String authority, String caseId, ObligationKind kind, String ruleId, LocalDate dueDate,
                                ObligationStatus status, LocalDate completedOn, String ownerParticipantId, String team) {
    }

    private static final String DUE_IN_RANGE = """
            select o.authority, o.case_id, o.kind, o.rule_id, o.due_date, o.status, o.closed_on, o.owner_participant_id,
                   c.team
            from obligation o
            left join case_record c on c.authority = o.authority and c.case_id = o.case_id
            where o.due_date >= $1 and o.due_date <= $2 and ($3::text[] is null or o.authority = any($3))""";

    /**
     * Every obligation due from {@code from} to {@code to} (both included) in {@code councils}, streamed through a
     * cursor {@code fetch} rows at a time, never held all at once; in storage order (a sort would wait for the last
     * row before sending the first). {@code c} must be in a transaction (a cursor lives in one), and holds it until
     * the stream ends.
     */
    public Multi<TimelinessRow> dueInRange(SqlConnection c, Councils councils, LocalDate from, LocalDate to, int fetch) {
        return c.prepare(DUE_IN_RANGE).onItem().transformToMulti(statement -> statement
                        .createStream(fetch, Tuple.of(from, to, councils.sqlArray())).toMulti())
                .map(r -> {
                    ObligationStatus status = ObligationStatus.valueOf(r.getString("status"));
                    return new TimelinessRow(r.getString("authority"), r.getString("case_id"),
                            ObligationKind.valueOf(r.getString("kind")), r.getString("rule_id"), r.getLocalDate("due_date"),
                            status, status == ObligationStatus.COMPLETED ? r.getLocalDate("closed_on") : null,
                            r.getString("owner_participant_id"), r.getString("team"));
                });
    }

    // ---- Reads -------------------------------------------------------------------------------------

    /** Obligations by id, whatever their status. */
    public Uni<Map<UUID, StoredObligation>> byIds(SqlClient c, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("select * from obligation where id = any($1)")
                .execute(Tuple.of((Object) ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, StoredObligation> m = new HashMap<>();
                    rows.forEach(r -> m.put(r.getUUID("id"), stored(r)));
                    return m;
                });
    }

    /** A case's obligations, open and closed, in due-date order. */
    public Uni<List<StoredObligation>> forCase(SqlClient c, CaseRef ref) {
        return c.preparedQuery("select * from obligation where authority = $1 and case_id = $2 " + ORDER)
                .execute(Tuple.of(ref.authority(), ref.caseId()))
                .map(ObligationStore::storedList);
    }

    /** Whether the participant owns any obligation of the case (a caseworker may then read it). */
    public Uni<Boolean> ownsAnyOn(SqlClient c, CaseRef ref, String participantId) {
        return c.preparedQuery("""
                        select exists (select 1 from obligation
                                       where authority = $1 and case_id = $2 and owner_participant_id = $3)""")
                .execute(Tuple.of(ref.authority(), ref.caseId(), participantId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The councils, among those given, in which a professional owns any obligation (open or closed). */
    public Uni<List<String>> authoritiesOwnedBy(SqlClient c, String participantId, Councils councils) {
        return c.preparedQuery("""
                        select distinct authority from obligation
                        where owner_participant_id = $1 and ($2::text[] is null or authority = any($2)) order by authority""")
                .execute(Tuple.of(participantId, councils.sqlArray()))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

    /**
     * The open obligations a professional owns that have a due date, soonest first (their calendar). Participant ids
     * are a council's own, so the councils are part of who the professional is.
     */
    public Uni<List<StoredObligation>> openOwnedBy(SqlClient c, String participantId, Councils councils, int limit) {
        return c.preparedQuery(sql("select * from obligation where owner_participant_id = $1 and " + OPEN
                        + " and due_date is not null and ($3::text[] is null or authority = any($3))"
                        + " order by due_date, id limit $2"))
                .execute(Tuple.of(participantId, limit, councils.sqlArray()))
                .map(ObligationStore::storedList);
    }

    // ---- A professional's daily digest (CONTRACT-2 §7) ------------------------------------------------

    /** The professionals of a council who own open obligations overdue on {@code today}: the digests it plans. */
    public Uni<List<String>> overdueOwners(SqlClient c, String authority, LocalDate today) {
        return c.preparedQuery(sql("select distinct owner_participant_id from obligation where authority = $1 and " + OPEN
                        + " and due_date < $2 and owner_participant_id is not null"))
                .execute(Tuple.of(authority, today))
                .map(ObligationStore::strings);
    }

    /** The team managers of a council's cases that have open obligations overdue on {@code today}. */
    public Uni<List<String>> managersOfOverdue(SqlClient c, String authority, LocalDate today) {
        return c.preparedQuery(sql("select distinct p.participant_id from participant p"
                        + " where p.authority = $1 and p.role = $3 and exists (select 1 from obligation o"
                        + " where o.authority = p.authority and o.case_id = p.case_id and o." + OPEN + " and o.due_date < $2)"))
                .execute(Tuple.of(authority, today, Role.TEAM_MANAGER.name()))
                .map(ObligationStore::strings);
    }

    /** Each professional's open obligations overdue on {@code today}, oldest first, at most {@code limit} each. */
    public Uni<Map<String, List<StoredObligation>>> overdueOwnedBy(SqlClient c, String authority,
                                                                  Collection<String> owners, LocalDate today, int limit) {
        return c.preparedQuery(sql("select o.* from unnest($2::text[]) as u(owner) cross join lateral ("
                        + " select * from obligation where owner_participant_id = u.owner and authority = $1"
                        + " and " + OPEN + " and due_date < $3 order by due_date, id limit $4) o"))
                .execute(Tuple.of(authority, owners.toArray(String[]::new), today, limit))
                .map(rows -> {
                    Map<String, List<StoredObligation>> m = new HashMap<>();
                    rows.forEach(r -> m.computeIfAbsent(r.getString("owner_participant_id"), k -> new ArrayList<>())
                            .add(stored(r)));
                    return m;
                });
    }

    /**
     * The open obligations overdue on {@code today} of the cases each team manager holds that role on, oldest first,
     * at most {@code limit} each.
     */
    public Uni<Map<String, List<StoredObligation>>> overdueOfTeams(SqlClient c, String authority,
                                                                  Collection<String> managers, LocalDate today, int limit) {
        return c.preparedQuery(sql("select u.manager, o.* from unnest($2::text[]) as u(manager) cross join lateral ("
                        + " select ob.* from participant p join obligation ob on ob.authority = p.authority"
                        + " and ob.case_id = p.case_id where p.authority = $1 and p.participant_id = u.manager"
                        + " and p.role = $5 and ob." + OPEN + " and ob.due_date < $3"
                        + " order by ob.due_date, ob.id limit $4) o"))
                .execute(Tuple.of(authority, managers.toArray(String[]::new), today, limit, Role.TEAM_MANAGER.name()))
                .map(rows -> {
                    Map<String, List<StoredObligation>> m = new HashMap<>();
                    rows.forEach(r -> m.computeIfAbsent(r.getString("manager"), k -> new ArrayList<>()).add(stored(r)));
                    return m;
                });
    }

    private static List<String> strings(Iterable<Row> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.getString(0)));
        return out;
    }

    /** The obligation's case row, by its primary key (authority, case_id); case_record_authority_team (V19) for a team. */
    private static final String CASE_WITH = "exists (select 1 from case_record c where c.authority = obligation.authority"
            + " and c.case_id = obligation.case_id";

    /**
     * A professional's work tray: the open obligations they own that are due up to {@code until}, overdue ones first
     * (they are the earliest), in the order of {@link #search}; and how many there are in all. A range scan of
     * {@code obligation_owner_due (owner_participant_id, due_date)} (V17). Participant ids are a council's own, so
     * the councils are part of who the professional is.
     */
    public Uni<Page> openOwnedUntil(SqlClient c, String participantId, Councils councils, LocalDate until, int page,
                                    int size) {
        String where = " where owner_participant_id = $1 and " + OPEN + " and due_date <= $2"
                + " and ($3::text[] is null or authority = any($3))";
        Uni<List<StoredObligation>> items = c.preparedQuery(sql("select * from obligation" + where + " " + ORDER
                        + " limit $4 offset $5"))
                .execute(Tuple.of(participantId, until, councils.sqlArray(), size, (long) page * size))
                .map(ObligationStore::storedList);
        Uni<Long> total = c.preparedQuery(sql("select count(*) from obligation" + where))
                .execute(Tuple.of(participantId, until, councils.sqlArray()))
                .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(items, total).with(Page::new);
    }

    /** A page of obligations matching the filter (OVERDUE and OPEN as a reader sees them on {@code today}). */
    public Uni<Page> search(SqlClient c, ObligationFilter f, LocalDate today, int page, int size) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            switch (f.status()) {
                case OPEN -> {
                    params.add(today);
                    where.add(OPEN + " and (due_date is null or not " + pastDue("", "$" + params.size()) + ")");
                }
                case OVERDUE -> {
                    params.add(today);
                    where.add(OPEN + " and " + pastDue("", "$" + params.size()));
                }
                default -> {
                    params.add(f.status().name());
                    where.add("status = $" + params.size());
                }
            }
        }
        addIf(where, params, "kind", f.kind() == null ? null : f.kind().name());
        addIf(where, params, "owner_participant_id", f.owner());
        addIf(where, params, "authority", f.authority());
        if (!f.councils().all()) {
            params.add(f.councils().sqlArray());
            where.add("authority = any($" + params.size() + ")");
        }
        if (f.dueBefore() != null) {
            params.add(f.dueBefore());
            where.add("due_date < $" + params.size());
        }
        addIf(where, params, "case_id", f.caseId());
        addIf(where, params, "owner_role", f.role() == null ? null : f.role().name());
        if (f.unassigned()) {
            where.add("owner_participant_id is null");
        }
        // The case's team, as the dashboard groups it (an inner join there: a case row is needed here too).
        if (f.team() != null) {
            params.add(f.team());
            where.add(CASE_WITH + " and c.team = $" + params.size() + ")");
        } else if (f.noTeam()) {
            where.add(CASE_WITH + " and (c.team is null or btrim(c.team) = ''))");
        }
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        Uni<List<StoredObligation>> items = c.preparedQuery(sql("select * from obligation" + filter + " " + ORDER
                        + " limit $" + (params.size() + 1) + " offset $" + (params.size() + 2)))
                .execute(Tuple.from(pageParams))
                .map(ObligationStore::storedList);
        Uni<Long> total = c.preparedQuery(sql("select count(*) from obligation" + filter))
                .execute(Tuple.from(params))
                .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(items, total).with(Page::new);
    }

    private static void addIf(List<String> where, List<Object> params, String column, String value) {
        if (value != null) {
            params.add(value);
            where.add(column + " = $" + params.size());
        }
    }

    // ---- Dashboard and gauges ------------------------------------------------------------------------

    /**
     * Open obligations due up to {@code until}, overdue on {@code today} or due from today, per group, most
     * overdue first, in the councils given. Owners are grouped by who they are (their
     * participant id), not by their name: two professionals who share a name are two rows.
     */
    public Uni<List<OpenCounts>> openCounts(SqlClient c, Grouping by, Councils councils, LocalDate today, LocalDate until,
                                            int limit) {
        String counts = "count(*) filter (where " + pastDue("o.", "$1") + ") as overdue, "
                + "count(*) filter (where not " + pastDue("o.", "$1") + ") as due_soon";
        String where = "o." + OPEN + " and o.due_date <= $2" + (councils.all() ? "" : " and o.authority = any($3)");
        String text = switch (by) {
            case COUNCIL -> "select o.authority, null as team, null as owner_id, null as owner_name, null as role, " + counts
                    + " from obligation o where " + where
                    + " group by o.authority order by overdue desc, due_soon desc, o.authority";
            case TEAM -> "select o.authority, c.team, null as owner_id, null as owner_name, null as role, " + counts
                    + " from obligation o join case_record c on c.authority = o.authority and c.case_id = o.case_id where " + where
                    + " group by o.authority, c.team order by overdue desc, due_soon desc, o.authority, c.team nulls last";
            // Grouped by the owner's id on the obligations alone, then only the top rows are named: joining every
            // participant first hashed them all (1.14M) before grouping (1,089 ms against 87 ms, issue 14).
            case OWNER -> "with top as (select o.authority, o.owner_participant_id as owner_id, o.owner_role as role, "
                    + counts + " from obligation o where " + where
                    + " group by o.authority, o.owner_participant_id, o.owner_role"
                    + " order by overdue desc, due_soon desc, o.authority, o.owner_participant_id nulls first, o.owner_role"
                    + " limit " + limit + ")"
                    + " select t.authority, null as team, t.owner_id, (select min(p.name) from obligation o"
                    + " join participant p on p.authority = o.authority and p.case_id = o.case_id"
                    + " and p.participant_id = o.owner_participant_id"
                    + " where o.owner_participant_id = t.owner_id and o.authority = t.authority and " + where
                    + ") as owner_name, t.role, t.overdue, t.due_soon from top t"
                    + " order by t.overdue desc, t.due_soon desc, t.authority, owner_name nulls first, t.owner_id, t.role";
        };
        Tuple params = councils.all() ? Tuple.of(today, until) : Tuple.of(today, until, councils.sqlArray());
        return c.preparedQuery(sql(by == Grouping.OWNER ? text : text + " limit " + limit)).execute(params)
                .map(rows -> {
                    List<OpenCounts> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new OpenCounts(r.getString("authority"), r.getString("team"), r.getString("owner_id"),
                                r.getString("owner_name"), r.getString("role"), r.getLong("overdue"), r.getLong("due_soon")));
                    }
                    return out;
                });
    }

    /**
     * Per kind, obligations due in [{@code from}, {@code to}): on time = COMPLETED on or before the due
     * date; late = COMPLETED after it; missed = still OPEN (so overdue), or CANCELLED as SUPERSEDED after its
     * due date (replaced while overdue). Other cancellations (case closed, void) are left out.
     */
    public Uni<List<Compliance>> compliance(SqlClient c, Councils councils, LocalDate from, LocalDate to) {
        String text = """
                select kind,
                       count(*) filter (where status = {COMPLETED} and closed_on <= due_date) as on_time,
                       count(*) filter (where status = {COMPLETED} and closed_on > due_date) as late,
                       count(*) filter (where status = {OPEN}
                                        or (status = {CANCELLED} and close_reason = $4
                                            and closed_on > due_date)) as missed
                from obligation
                where due_date >= $1 and due_date < $2 and ($3::text[] is null or authority = any($3))
                group by kind""";
        return c.preparedQuery(sql(text)).execute(Tuple.of(from, to, councils.sqlArray(), CloseReason.SUPERSEDED.name()))
                .map(rows -> {
                    List<Compliance> out = new ArrayList<>();
                    for (Row r : rows) {
                        kindOf(r.getString("kind")).ifPresent(k -> out.add(
                                new Compliance(k, r.getLong("on_time"), r.getLong("late"), r.getLong("missed"))));
                    }
                    return out;
                });
    }

    /**
     * The state gauges' statement ({@code $1}: today), every 30 s on every replica: an index-only scan of
     * {@code obligation_open_authority_kind_due (authority, kind, due_date) where status = 'OPEN'} (V6), in its
     * order, so it reads the open obligations' index entries and never the table. Public for the test that
     * checks its plan.
     */
    public static final String OPEN_BY_KIND = sql("select authority, kind, count(*) as open, count(*) filter (where "
            + pastDue("", "$1") + ") as overdue from obligation where " + OPEN + " group by authority, kind");

    /** Open and overdue obligations per council and kind. */
    public Uni<List<OpenByKind>> openByKind(SqlClient c, LocalDate today) {
        return c.preparedQuery(OPEN_BY_KIND)
                .execute(Tuple.of(today))
                .map(rows -> {
                    List<OpenByKind> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new OpenByKind(r.getString("authority"), r.getString("kind"), r.getLong("open"),
                                r.getLong("overdue")));
                    }
                    return out;
                });
    }

    // ---- Row mapping --------------------------------------------------------------------------------

    private static List<StoredObligation> storedList(Iterable<Row> rows) {
        List<StoredObligation> out = new ArrayList<>();
        rows.forEach(r -> out.add(stored(r)));
        return out;
    }

    private static StoredObligation stored(Row r) {
        return new StoredObligation(row(r), r.getString("authority"));
    }

    private static java.util.Optional<ObligationKind> kindOf(String name) {
        try {
            return java.util.Optional.of(ObligationKind.valueOf(name));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static <T> T basis(Obligation o, Function<DueBasis, T> part) {
        return o.dueBasis() == null ? null : part.apply(o.dueBasis());
    }

    /** The basis as stored; null for a row stored before bases were kept (V16). */
    private static DueBasis basis(Row r) {
        String fingerprint = r.getString("calendar_fp");
        if (fingerprint == null) {
            return null;
        }
        return new DueBasis(r.getString("rule_key"), r.getString("due_rule_key"), r.getLocalDate("due_from"),
                r.getLocalDate("due_agreed"), fingerprint, Boolean.TRUE.equals(r.getBoolean("beyond_calendar")));
    }

    static Obligation row(Row r) {
        String reason = r.getString("close_reason");
        String record = r.getString("record_kind");
        return new Obligation(
                r.getUUID("id"),
                new CaseRef(r.getString("authority"), r.getString("case_id")),
                ObligationKind.valueOf(r.getString("kind")),
                r.getString("rule_id"),
                r.getLocalDate("due_date"),
                ObligationStatus.valueOf(r.getString("status")),
                Role.valueOf(r.getString("owner_role")),
                r.getString("owner_participant_id"),
                new EventKey(r.getString("triggered_by_source"), r.getString("triggered_by_id")),
                r.getLocalDate("triggered_on"),
                r.getLocalDate("agreed_date"),
                r.getBoolean("breach"),
                r.getLocalDate("good_practice_on"),
                r.getLocalDate("closed_on"),
                reason == null ? null : CloseReason.valueOf(reason),
                r.getString("closed_by"),
                record == null ? null : RecordKind.valueOf(record),
                r.getString("policy_version"),
                basis(r));
    }
}
