package cin.reminders.ingest.repository;

import cin.reminders.domain.engine.CaseFacts;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.model.PlanType;
import cin.reminders.platform.sql.Columns;
import cin.reminders.domain.model.CaseRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code case_record} table (a case's facts) and the per-case write lock: every statement on it and
 * its row mapping.
 */
@ApplicationScoped
public class CaseRecordStore {

    /** A stored case: the council it belongs to and its facts. */
    public record StoredCase(String authority, CaseFacts facts) {
    }

    /**
     * One writer per case at a time: a transaction-scoped advisory lock per case, taken by every
     * path that changes a case (Kafka and HTTP ingestion, the completion of distributions). Advisory
     * locks live in memory: unlike {@code SELECT ... FOR UPDATE} they write nothing to the table or the
     * WAL, which matters at tens of thousands of events a second. Taken in one sorted order, so two
     * writers cannot deadlock; released at commit or rollback.
     */
    public Uni<Void> lock(SqlConnection c, Collection<CaseRef> refs) {
        if (refs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One key per (council, case): the same case id under two councils is two cases, two locks.
        return c.preparedQuery("""
                        select pg_advisory_xact_lock(k)
                        from (select distinct hashtextextended(a || '|' || id, 0) as k
                              from unnest($1::text[], $2::text[]) as u(a, id) order by k) ordered""")
                .execute(refsTuple(refs))
                .replaceWithVoid();
    }

    /** The stored cases among those named. */
    public Uni<Map<CaseRef, StoredCase>> find(SqlClient c, Collection<CaseRef> refs) {
        return c.preparedQuery("""
                        select c.* from case_record c join unnest($1::text[], $2::text[]) as u(a, id)
                            on c.authority = u.a and c.case_id = u.id""")
                .execute(refsTuple(refs))
                .map(rows -> {
                    Map<CaseRef, StoredCase> m = new HashMap<>();
                    rows.forEach(r -> {
                        CaseRef ref = new CaseRef(r.getString("authority"), r.getString("case_id"));
                        m.put(ref, new StoredCase(ref.authority(), facts(r)));
                    });
                    return m;
                });
    }

    /**
     * The councils, among those given, that have a case with this id: none (unknown, or not the caller's),
     * one, or more (the id is ambiguous until the caller names the council). {@code councils} null: every council.
     */
    public Uni<List<String>> authoritiesOf(SqlClient c, String caseId, Collection<String> councils) {
        return c.preparedQuery("""
                        select authority from case_record
                        where case_id = $1 and ($2::text[] is null or authority = any($2)) order by authority""")
                .execute(Tuple.of(caseId, councils == null ? null : councils.toArray(String[]::new)))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

    /** {@code $1} the councils, {@code $2} the case ids of {@code refs}, in the same order. */
    public static Tuple refsTuple(Collection<CaseRef> refs) {
        return Tuple.of(refs.stream().map(CaseRef::authority).toArray(String[]::new),
                refs.stream().map(CaseRef::caseId).toArray(String[]::new));
    }

    /** Cases seen for the first time, with their facts after the batch; {@code now}: their last event's arrival. */
    public Uni<Void> insert(SqlConnection c, List<CaseState> cases, Instant now) {
        if (cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        insert into case_record (case_id, authority, plan_type, long_term_support, opened_on, team, plan_start,
                            last_review_on, last_visit_on, last_child_seen_alone_on, seen_alone_this_cycle, closed_on,
                            last_event_at)
                        select *, $13::timestamptz from unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::date[],
                                             $6::text[], $7::date[], $8::date[], $9::date[], $10::date[], $11::bool[], $12::date[])""")
                .execute(Tuple.tuple(columns(cases, now)))
                .replaceWithVoid();
    }

    /**
     * The facts of cases the batch applied events to, after it, and the arrival of their last event ({@code now}):
     * a case whose facts did not change is written too, for its {@code last_event_at} (the firer's settle rule).
     */
    public Uni<Void> updateFacts(SqlConnection c, List<CaseState> cases, Instant now) {
        if (cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        update case_record c set plan_type = u.plan_type, long_term_support = u.lts, opened_on = u.opened_on,
                            team = u.team, plan_start = u.plan_start, last_review_on = u.last_review_on,
                            last_visit_on = u.last_visit_on, last_child_seen_alone_on = u.last_alone,
                            seen_alone_this_cycle = u.alone_cycle, closed_on = u.closed_on, updated_at = now(),
                            last_event_at = greatest(c.last_event_at, $13::timestamptz)
                        from unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::date[], $6::text[], $7::date[],
                                    $8::date[], $9::date[], $10::date[], $11::bool[], $12::date[])
                            as u(case_id, authority, plan_type, lts, opened_on, team, plan_start, last_review_on,
                                 last_visit_on, last_alone, alone_cycle, closed_on)
                        where c.authority = u.authority and c.case_id = u.case_id""")
                .execute(Tuple.tuple(columns(cases, now)))
                .replaceWithVoid();
    }

    /**
     * The last event time of cases whose facts did not change, written only for those with a reminder rung waiting
     * for its case to settle ({@code born_past}): a handful in steady ingest, the backlog's cases while catching up.
     */
    public Uni<Void> touchWhereSettling(SqlConnection c, Collection<CaseRef> refs, Instant now) {
        if (refs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        update case_record c set last_event_at = greatest(c.last_event_at, $3::timestamptz)
                        from unnest($1::text[], $2::text[]) as u(authority, case_id)
                        where c.authority = u.authority and c.case_id = u.case_id
                          and exists (select 1 from reminder_rung r join obligation o on o.id = r.obligation_id
                                      where r.born_past is not null and o.authority = u.authority
                                        and o.case_id = u.case_id)""")
                .execute(Tuple.of(refs.stream().map(CaseRef::authority).toArray(String[]::new),
                        refs.stream().map(CaseRef::caseId).toArray(String[]::new), now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The case ids and authorities, then the facts' columns in the order both statements list them, then {@code now}. */
    private static List<Object> columns(List<CaseState> cases, Instant now) {
        List<Object> out = new ArrayList<>();
        out.add(Columns.of(cases, String.class, CaseState::caseId));
        out.add(Columns.of(cases, String.class, CaseState::authority));
        out.addAll(Arrays.asList(
                Columns.names(cases, s -> s.facts().planType()),
                Columns.of(cases, Boolean.class, s -> s.facts().longTermSupport()),
                dates(cases, CaseFacts::openedOn),
                Columns.of(cases, String.class, s -> s.facts().team()),
                dates(cases, CaseFacts::planStart),
                dates(cases, CaseFacts::lastReviewOn),
                dates(cases, CaseFacts::lastVisitOn),
                dates(cases, CaseFacts::lastChildSeenAloneOn),
                Columns.of(cases, Boolean.class, s -> s.facts().seenAloneThisCycle()),
                dates(cases, CaseFacts::closedOn)));
        out.add(now.atOffset(ZoneOffset.UTC));
        return out;
    }

    private static LocalDate[] dates(List<CaseState> cases, Function<CaseFacts, LocalDate> f) {
        return Columns.of(cases, LocalDate.class, s -> f.apply(s.facts()));
    }

    private static CaseFacts facts(Row r) {
        return new CaseFacts(
                PlanType.valueOf(r.getString("plan_type")),
                r.getBoolean("long_term_support"),
                r.getLocalDate("opened_on"),
                r.getString("team"),
                r.getLocalDate("plan_start"),
                r.getLocalDate("last_review_on"),
                r.getLocalDate("last_visit_on"),
                r.getLocalDate("last_child_seen_alone_on"),
                r.getBoolean("seen_alone_this_cycle"),
                r.getLocalDate("closed_on"));
    }
}
