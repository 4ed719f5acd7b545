package cin.reminders.ingest.repository;

import cin.reminders.domain.engine.CaseFacts;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.model.PlanType;
import cin.reminders.platform.sql.Columns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * One writer per case at a time: a transaction-scoped advisory lock per case id, taken by every
     * path that changes a case (Kafka and HTTP ingestion, the completion of distributions). Advisory
     * locks live in memory: unlike {@code SELECT ... FOR UPDATE} they write nothing to the table or the
     * WAL, which matters at tens of thousands of events a second. Taken in one sorted order, so two
     * writers cannot deadlock; released at commit or rollback.
     */
    public Uni<Void> lock(SqlConnection c, Collection<String> caseIds) {
        if (caseIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        select pg_advisory_xact_lock(k)
                        from (select distinct hashtextextended(id, 0) as k from unnest($1::text[]) as u(id) order by k) ordered""")
                .execute(Tuple.of((Object) caseIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The stored cases among those named. */
    public Uni<Map<String, StoredCase>> find(SqlClient c, Collection<String> caseIds) {
        return c.preparedQuery("select * from case_record where case_id = any($1)")
                .execute(Tuple.of((Object) caseIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StoredCase> m = new HashMap<>();
                    rows.forEach(r -> m.put(r.getString("case_id"), new StoredCase(r.getString("authority"), facts(r))));
                    return m;
                });
    }

    public Uni<Boolean> exists(SqlClient c, String caseId) {
        return c.preparedQuery("select exists (select 1 from case_record where case_id = $1)")
                .execute(Tuple.of(caseId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Cases seen for the first time, with their facts after the batch. */
    public Uni<Void> insert(SqlConnection c, List<CaseState> cases) {
        if (cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        insert into case_record (case_id, authority, plan_type, long_term_support, opened_on, team, plan_start,
                            last_review_on, last_visit_on, last_child_seen_alone_on, seen_alone_this_cycle, closed_on)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::date[], $6::text[], $7::date[],
                                             $8::date[], $9::date[], $10::date[], $11::bool[], $12::date[])""")
                .execute(Tuple.tuple(columns(cases, true)))
                .replaceWithVoid();
    }

    public Uni<Void> updateFacts(SqlConnection c, List<CaseState> cases) {
        if (cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        update case_record c set plan_type = u.plan_type, long_term_support = u.lts, opened_on = u.opened_on,
                            team = u.team, plan_start = u.plan_start, last_review_on = u.last_review_on,
                            last_visit_on = u.last_visit_on, last_child_seen_alone_on = u.last_alone,
                            seen_alone_this_cycle = u.alone_cycle, closed_on = u.closed_on, updated_at = now()
                        from unnest($1::text[], $2::text[], $3::bool[], $4::date[], $5::text[], $6::date[], $7::date[],
                                    $8::date[], $9::date[], $10::bool[], $11::date[])
                            as u(case_id, plan_type, lts, opened_on, team, plan_start, last_review_on, last_visit_on,
                                 last_alone, alone_cycle, closed_on)
                        where c.case_id = u.case_id""")
                .execute(Tuple.tuple(columns(cases, false)))
                .replaceWithVoid();
    }

    /** The case ids (and authorities), then the facts' columns in the order both statements list them. */
    private static List<Object> columns(List<CaseState> cases, boolean withAuthority) {
        List<Object> out = new ArrayList<>();
        out.add(Columns.of(cases, String.class, CaseState::caseId));
        if (withAuthority) {
            out.add(Columns.of(cases, String.class, CaseState::authority));
        }
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

    /** The council a case belongs to; empty for a case never seen. For the access log, while case paths name no council. */
    public Uni<Optional<String>> authorityOf(SqlClient c, String caseId) {
        return c.preparedQuery("select authority from case_record where case_id = $1")
                .execute(Tuple.of(caseId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }
}
