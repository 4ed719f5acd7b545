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
import io.vertx.mutiny.sqlclient.Row;
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
     * As autovacuum leaves a table between bursts: statistics and the visibility map up to date. A vacuum cannot mark
     * a page all-visible while another transaction (the service's own loops run beside the test) may still see its
     * older rows, and without that the planner prices an index-only scan like any index scan and may take another
     * partial index: so the plan is asked for again, after another vacuum, until the tables have settled.
     */
    private void settledPlanAnswersFromItsIndexAlone(String statement, Tuple args, String table) {
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            pool.query("vacuum (analyze) obligation, notice").execute().await().atMost(WAIT);
            assertOnlyIndexOnlyScansOfPartialIndexes(scansOf(statement, args, table));
        });
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

    private void assertOnlyIndexOnlyScansOfPartialIndexes(List<JsonObject> scans) {
        assertFalse(scans.isEmpty(), "the statement reads its table");
        Set<String> partial = partialIndexes();
        for (JsonObject scan : scans) {
            String node = scan.getString("Node Type");
            assertEquals("Index Only Scan", node, "an index alone answers, never the table: " + scan.encode());
            assertTrue(partial.contains(scan.getString("Index Name")),
                    "a partial index (the open or not-yet-settled rows only): " + scan.encode());
        }
    }

    /** The plan nodes that read {@code table}, for the statement as the gauges prepare it. */
    private List<JsonObject> scansOf(String statement, Tuple args, String table) {
        Row row = pool.withTransaction(c -> c.query("set local enable_seqscan = off").execute()
                        .chain(() -> c.query("set local enable_bitmapscan = off").execute())
                        .chain(() -> c.preparedQuery("explain (format json) " + statement).execute(args)))
                .await().atMost(WAIT).iterator().next();
        Object plan = row.getValue(0);
        JsonArray explained = plan instanceof JsonArray a ? a : new JsonArray(plan.toString());
        List<JsonObject> scans = new ArrayList<>();
        collect(explained.getJsonObject(0).getJsonObject("Plan"), table, scans);
        return scans;
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

    private Set<String> partialIndexes() {
        Set<String> names = new HashSet<>();
        pool.query("select indexrelid::regclass::text as name from pg_index where indpred is not null")
                .execute().await().atMost(WAIT).forEach(r -> names.add(r.getString("name")));
        return names;
    }
}
