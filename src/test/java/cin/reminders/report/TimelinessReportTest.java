package cin.reminders.report;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.Databases;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code GET /api/reports/timeliness.csv} (CONTRACT-2 §8): the exact rows of a known case, and a million streamed. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class TimelinessReportTest {

    static final String HEADER = "authority,caseId,kind,ruleId,dueDate,completedOn,daysLate,status,ownerParticipantId,team";

    @Inject
    ServiceClock clock;

    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool;

    @TestHTTPResource("/api/reports/timeliness.csv")
    URL report;

    @Test
    void aKnownCaseGivesExactlyItsRowsWithDaysLate() {
        clock.restartAt(Instant.parse("2041-02-04T10:00:00Z"));
        CaseScript c = new CaseScript("durham", "TIMELY");
        c.upsert(c.person("lp1", "LEAD_PROFESSIONAL", "EMAIL"))
                .event("cin.case.opened", "2041-01-02", "planType", "CHILD_IN_NEED", "longTermSupport", false)
                .event("cin.case.transferred", "2041-01-02", "toTeam", "Team, North")
                // U2 plan completion and distribution due Thu 10 Jan (3 working days), U3 record and U4 care team
                // meeting due Mon 21 Jan (10 working days; 2 weeks).
                .event("cin.planning-meeting.held", "2041-01-07")
                .event("cin.task.completed", "2041-01-14", "kind", "PLAN_COMPLETION")
                .event("cin.care-team.meeting-held", "2041-01-18");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(2, c.obligations().getList("findAll { it.status == 'COMPLETED' }").size()));

        String csv = given().queryParam("authority", "durham").queryParam("from", "2041-01-01").queryParam("to", "2041-01-31")
                .get("/api/reports/timeliness.csv")
                .then().statusCode(200)
                .header("Content-Type", containsString("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"timeliness-durham-2041-01-01-to-2041-01-31.csv\"")
                .extract().asString();
        assertTrue(csv.startsWith(HEADER + "\r\n"), csv);
        List<String> mine = csv.lines().filter(l -> l.contains("," + c.caseId + ",")).sorted().toList();
        String id = c.caseId;
        assertEquals(List.of(
                "durham," + id + ",CARE_TEAM_MEETING,U4,2041-01-21,2041-01-18,0,COMPLETED,lp1,\"Team, North\"",
                "durham," + id + ",MEETING_RECORD_DISTRIBUTION,U3,2041-01-21,,14,OVERDUE,lp1,\"Team, North\"",
                "durham," + id + ",PLAN_COMPLETION,U2,2041-01-10,2041-01-14,4,COMPLETED,lp1,\"Team, North\"",
                "durham," + id + ",PLAN_DISTRIBUTION,U2,2041-01-10,,25,OVERDUE,lp1,\"Team, North\""), mine);
        assertTrue(csv.endsWith("\r\n"), "every record ends CRLF");

        String dashboard = given().queryParam("authority", "durham").get("/dashboard").then().statusCode(200).extract().asString();
        assertTrue(dashboard.contains("href=\"/api/reports/timeliness.csv?from=2040-02-04&amp;to=2041-02-03&amp;authority=durham\""),
                "the dashboard links its 12 months' report");
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        given().queryParam("to", "2041-01-31").get("/api/reports/timeliness.csv")
                .then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("from"));
        given().queryParam("from", "1 Jan").queryParam("to", "2041-01-31").get("/api/reports/timeliness.csv")
                .then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("from"));
        given().queryParam("from", "2041-02-01").queryParam("to", "2041-01-31").get("/api/reports/timeliness.csv")
                .then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("to"));
    }

    /**
     * A million rows stream through a heap that grows by far less than the report's size (about 90 MB of text): read
     * line by line while the heap in use after a collection is sampled.
     */
    @Test
    void aMillionRowsStreamInBoundedMemory() throws Exception {
        String caseId = "MILLION-" + System.nanoTime();
        execute("insert into case_record (case_id, authority, plan_type, long_term_support, opened_on) "
                + "values ($1, 'walsall', 'CHILD_IN_NEED', false, date '2090-01-01')", Tuple.of(caseId));
        execute("insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role, "
                + "owner_participant_id, triggered_by_source, triggered_by_id, triggered_on, closed_on, close_reason, closed_by) "
                + "select gen_random_uuid(), $1, 'walsall', 'HOME_VISIT', 'W5', date '2090-01-01' + (g % 365), 'COMPLETED', "
                + "'LEAD_PROFESSIONAL', 'lp-million', 'urn:test', 'million-' || g, date '2090-01-01', "
                + "date '2090-01-01' + (g % 365) + (g % 3), 'FULFILLED', 'million-' || g from generate_series(1, 1000000) g",
                Tuple.of(caseId));
        try {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long baseline = rt.totalMemory() - rt.freeMemory();
            long peak = 0;
            long lines = 0;
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(report + "?authority=walsall&from=2090-01-01&to=2090-12-31")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            try (Stream<String> body = response.body()) {
                Iterator<String> it = body.iterator();
                assertEquals(HEADER, it.next());
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.contains(caseId)) {
                        lines++;
                    }
                    if (lines % 100_000 == 0) {
                        System.gc();
                        peak = Math.max(peak, rt.totalMemory() - rt.freeMemory() - baseline);
                    }
                }
            }
            assertEquals(1_000_000, lines);
            assertTrue(peak < 64L * 1024 * 1024, "the heap grew by " + peak / 1024 / 1024 + " MB while streaming");
            System.out.printf("timeliness.csv: 1,000,000 rows streamed, heap grew by at most %d MB%n", peak / 1024 / 1024);
        } finally {
            // The service's role may not delete obligations; the tables' owner (the one Flyway runs as) may.
            Config config = ConfigProvider.getConfig();
            try (Connection owner = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.flyway.username", String.class),
                    config.getValue("quarkus.flyway.password", String.class));
                 PreparedStatement obligations = owner.prepareStatement(
                         "delete from obligation where authority = 'walsall' and case_id = ?");
                 PreparedStatement cases = owner.prepareStatement(
                         "delete from case_record where authority = 'walsall' and case_id = ?")) {
                obligations.setString(1, caseId);
                obligations.executeUpdate();
                cases.setString(1, caseId);
                cases.executeUpdate();
            }
        }
    }

    private void execute(String sql, Tuple args) {
        pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofMinutes(2));
    }
}
