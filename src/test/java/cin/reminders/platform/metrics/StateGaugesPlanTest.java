package cin.reminders.platform.metrics;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gauges behind /q/metrics run every 30 s on every replica: each statement must be answered by a partial
 * index alone (an index-only scan), never by reading the table, whose size is the whole history (4.8M notices,
 * 1M obligations at national scale). The plan is asked for with sequential and bitmap scans priced out, as
 * EXPLAIN in the same transaction: what is left is whether an index can answer on its own. A scan of the whole
 * table, of a full index (the primary key), or of a partial index that lacks a column (kind, channel) and must
 * visit the table for it, fails.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class StateGaugesPlanTest {

    static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)

    Pool pool;
    @Inject
    ServiceClock clock;

    @BeforeEach
    void openWorkAndAQueue() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        // Rows of each kind the gauges count, so the planner has statistics to plan from: open obligations, and a
        // meeting reminder that stays SCHEDULED until the day before.
        CaseScript c = new CaseScript("derbyshire", "GP");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("gran", "CARER", "EMAIL"))
                .event("cin.planning-meeting.held", "2026-02-27")
                .event("cin.meeting.scheduled", "2026-03-02", "meeting", "REVIEW", "startsAt", "2026-03-12T10:30",
                        "venue", "Matlock County Hall", "invitees", List.of("gran"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("SCHEDULED", c.notice("meeting-reminder", "gran").get("status"));
            assertFalse(c.obligations().getList("findAll { it.status == 'OPEN' }").isEmpty());
        });
    }

    /**
     * As autovacuum leaves a table between bursts: statistics and the visibility map up to date. The plan is asked
     * of a copy of the table in this session's own temporary schema (which unqualified names find first), with the
     * same columns, indexes and row-level security, and every row. A vacuum of the real table cannot mark a page
     * all-visible while another transaction may still see its older rows (the service's own loops run beside the
     * test, and retries rewrite rows), and without that the planner prices an index-only scan like an index scan and
     * may take another partial index; a temporary table's vacuum waits on this session alone, so the copy settles
     * at once, and the plan depends on the indexes alone, not on the history of the run.
     */
    private void settledPlanAnswersFromItsIndexAlone(String statement, Tuple args, String table) {
        pool.withConnection(c -> settledCopy(c, table)
                        .chain(() -> partialIndexesOfCopy(c, table))
                        .chain(partial -> scansOf(c, statement, args, table)
                                .invoke(scans -> assertOnlyIndexOnlyScansOfPartialIndexes(scans, partial)))
                        .eventually(() -> c.query("drop table if exists pg_temp." + table).execute()))
                .await().atMost(WAIT);
    }

    /** {@code pg_temp.table}: the table's definition, indexes, row-level security policy and rows, vacuumed. */
    private static Uni<Void> settledCopy(SqlConnection c, String table) {
        return c.query("select n.nspname as schema, p.qual from pg_class t join pg_namespace n on n.oid = t.relnamespace"
                        + " join pg_policies p on p.schemaname = n.nspname and p.tablename = t.relname"
                        + " where t.oid = '" + table + "'::regclass").execute()
                .chain(rows -> {
                    Row policy = rows.iterator().next();
                    String real = policy.getString("schema") + "." + table;
                    String copy = "pg_temp." + table;
                    return c.query("create temp table " + table + " (like " + real + " including all)").execute()
                            .chain(() -> c.query("insert into " + copy + " select * from " + real).execute())
                            .chain(() -> c.query("alter table " + copy + " enable row level security").execute())
                            .chain(() -> c.query("alter table " + copy + " force row level security").execute())
                            .chain(() -> c.query("create policy acting_councils on " + copy
                                    + " using (" + policy.getString("qual") + ")").execute())
                            .chain(() -> c.query("vacuum (analyze) " + copy).execute());
                })
                .replaceWithVoid();
    }

    @Test
    void openAndOverdueObligationsAreCountedFromTheirPartialIndexAlone() {
        settledPlanAnswersFromItsIndexAlone(ObligationStore.OPEN_BY_KIND, Tuple.of(LocalDate.of(2026, 3, 2)), "obligation");
    }

    @Test
    void notYetSettledNoticesAreCountedFromTheirPartialIndexAlone() {
        settledPlanAnswersFromItsIndexAlone(NoticeStore.LIVE_BY_CHANNEL, Tuple.tuple(), "notice");
    }

    @Test
    void dueNoticesAreCountedFromTheirPartialIndexAlone() {
        settledPlanAnswersFromItsIndexAlone(NoticeStore.DUE,
                Tuple.of(Instant.parse("2026-03-02T10:00:00Z").atOffset(java.time.ZoneOffset.UTC)), "notice");
    }

    private static void assertOnlyIndexOnlyScansOfPartialIndexes(List<JsonObject> scans, Set<String> partial) {
        assertFalse(scans.isEmpty(), "the statement reads its table");
        for (JsonObject scan : scans) {
            String node = scan.getString("Node Type");
            assertEquals("Index Only Scan", node, "an index alone answers, never the table: " + scan.encode());
            assertTrue(partial.contains(scan.getString("Index Name")),
                    "a partial index (the open or not-yet-settled rows only): " + scan.encode());
        }
    }

    /** The plan nodes that read {@code table}, for the statement as the gauges prepare it. */
    private static Uni<List<JsonObject>> scansOf(SqlConnection c, String statement, Tuple args, String table) {
        return c.begin().chain(tx -> c.query("set local enable_seqscan = off").execute()
                .chain(() -> c.query("set local enable_bitmapscan = off").execute())
                .chain(() -> c.preparedQuery("explain (format json) " + statement).execute(args))
                .map(rows -> {
                    Object plan = rows.iterator().next().getValue(0);
                    JsonArray explained = plan instanceof JsonArray a ? a : new JsonArray(plan.toString());
                    List<JsonObject> scans = new ArrayList<>();
                    collect(explained.getJsonObject(0).getJsonObject("Plan"), table, scans);
                    return scans;
                })
                .call(tx::rollback));
    }

    private static void collect(JsonObject node, String table, List<JsonObject> out) {
        if (table.equals(node.getString("Relation Name"))) {
            JsonObject scan = node.copy();
            scan.remove("Plans");
            out.add(scan);
        }
        JsonArray children = node.getJsonArray("Plans");
        if (children != null) {
            children.forEach(child -> collect((JsonObject) child, table, out));
        }
    }

    /** The copy's partial indexes (named after their columns, as CREATE TABLE ... LIKE names them). */
    private static Uni<Set<String>> partialIndexesOfCopy(SqlConnection c, String table) {
        return c.query("select i.indexrelid::regclass::text as name from pg_index i"
                        + " where i.indrelid = 'pg_temp." + table + "'::regclass and i.indpred is not null").execute()
                .map(rows -> {
                    Set<String> names = new HashSet<>();
                    rows.forEach(r -> names.add(r.getString("name")));
                    return names;
                });
    }
}
