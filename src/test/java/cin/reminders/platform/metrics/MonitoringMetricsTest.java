package cin.reminders.platform.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.deploy.MonitoringQueries;
import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric the alert rules (k8s/monitoring/rules) and the Grafana dashboard (k8s/monitoring/grafana) query is one
 * this service exposes at /q/metrics, read from a live scrape. Counters created at their first event (a dead letter,
 * a dispatch outcome, a relayed receipt) are not in a fresh scrape: those are named here with their Micrometer names,
 * which must be registered in src/main/java, and every other name must be in the scrape. The meters added for the
 * alerts are asserted by name, with their tags.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class MonitoringMetricsTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** Prometheus name -> the Micrometer name registered on the first event, not before. */
    static final Map<String, String> CREATED_ON_FIRST_EVENT = Map.of(
            "cin_dlq_records_total", "cin.dlq.records",
            "cin_notices_dispatched_total", "cin.notices.dispatched",
            "cin_notices_settled_total", "cin.notices.settled",
            "cin_notices_dispatch_latency_seconds_sum", "cin.notices.dispatch.latency",
            "cin_notices_dispatch_latency_seconds_count", "cin.notices.dispatch.latency",
            "cin_notices_dispatch_latency_seconds_max", "cin.notices.dispatch.latency",
            // CaseEventConsumer is built at its first Kafka record (an application-scoped bean behind its proxy).
            "cin_ingest_lag_seconds", "cin.ingest.lag",
            "cin_ingest_lag_seconds_max", "cin.ingest.lag");

    @Inject
    ServiceClock clock;

    /** Open obligations, so the per-council gauges have rows (a council without open work has none). */
    @BeforeEach
    void openWork() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        CaseScript c = new CaseScript("derbyshire", "MON");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL")).event("cin.planning-meeting.held", "2026-02-27");
        await().atMost(WAIT).untilAsserted(() ->
                assertFalse(c.obligations().getList("findAll { it.status == 'OPEN' }").isEmpty()));
    }

    @Test
    void theMetersTheAlertsNeedAreExposed() {
        await().atMost(WAIT).untilAsserted(() -> {
            String scrape = scrape();
            Set<String> names = exposedNames(scrape);
            for (String name : Set.of("cin_notices_due", "cin_ingest_consumer_lag", "cin_notices_leases_recovered_total")) {
                assertTrue(names.contains(name), name);
            }
            for (String channel : Set.of("EMAIL", "SMS", "LETTER")) {
                assertTrue(scrape.matches("(?s).*\ncin_notices_rate_limited_total\\{channel=\"" + channel + "\",provider=\"[a-z]+\"}.*"),
                        "cin_notices_rate_limited_total for " + channel);
            }
        });
    }

    @Test
    void everyMetricTheRulesAndTheDashboardQueryIsExposed() throws IOException {
        Set<String> queried = new TreeSet<>();
        Stream.concat(MonitoringQueries.ruleExpressions().stream(), MonitoringQueries.dashboardExpressions().stream())
                .forEach(e -> queried.addAll(MonitoringQueries.metricNames(e)));
        assertTrue(queried.size() >= 20, "names found in the queries: " + queried);
        String sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        for (String lazy : CREATED_ON_FIRST_EVENT.values()) {
            assertTrue(sources.contains("\"" + lazy + "\""), lazy + " is registered in src/main/java");
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Set<String> exposed = exposedNames(scrape());
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(exposed);
            missing.removeAll(CREATED_ON_FIRST_EVENT.keySet());
            assertEquals(Set.of(), missing, "queried by the rules or the dashboard, not at /q/metrics");
        });
    }

    static String scrape() {
        return "\n" + given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static Set<String> exposedNames(String exposition) {
        Set<String> out = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int end = line.length();
            for (char c : new char[] {'{', ' '}) {
                int i = line.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            out.add(line.substring(0, end));
        }
        assertFalse(out.isEmpty(), "an exposition");
        return out;
    }
}
