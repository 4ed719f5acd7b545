package cin.reminders.audit;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.audit.repository.AccessLogStore;
import cin.reminders.audit.service.AccessRetention;
import cin.reminders.domain.audit.Access;
import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access log with authentication off (dev and test): every read of a case is recorded as {@code anonymous}, role
 * {@code none}, a moment after it is answered. Who is and is not recorded with tokens: SecurityTest.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class AccessLogApiTest {

    static final String OBLIGATIONS = "GET /api/cases/{caseId}/obligations";
    static final String NOTICES = "GET /api/cases/{caseId}/notices";
    static final String ACCESS_LOG = "GET /api/cases/{caseId}/access-log";

    @Inject
    ServiceClock clock;
    @Inject
    AccessLogStore store;
    @Inject
    AccessRetention retention;
    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool; // the service's background pool: the log is written and purged for every council

    String caseId;

    @BeforeEach
    void aCase() {
        clock.restartAt(Instant.parse("2026-09-01T09:00:00Z"));
        caseId = CloudEvents.newCaseId("AL");
        given().contentType("application/cloudevents-batch+json")
                .body(List.of(CloudEvents.participant("walsall", caseId, CloudEvents.person("lp-" + caseId, "LEAD_PROFESSIONAL", "EMAIL")),
                        CloudEvents.event("walsall", caseId, "cin.planning-meeting.held", "2026-08-03")).toString())
                .post("/api/events").then().statusCode(202);
    }

    List<Map<String, Object>> log(String limit) {
        return given().queryParam("limit", limit).get("/api/cases/{id}/access-log", caseId)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void readingACasesObligationsAndNoticesIsRecordedNewestFirst() {
        given().get("/api/cases/{id}/obligations", caseId).then().statusCode(200);
        given().get("/api/cases/{id}/notices", caseId).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<Map<String, Object>> reads = log("1000");
            List<Object> caseReads = reads.stream().map(r -> r.get("endpoint"))
                    .filter(e -> !ACCESS_LOG.equals(e)).toList();
            assertEquals(List.of(NOTICES, OBLIGATIONS), caseReads, "the two reads, newest first");
        });
        List<Map<String, Object>> reads = log("1000");
        for (Map<String, Object> read : reads) {
            assertEquals("anonymous", read.get("subject"));
            assertEquals("none", read.get("role"));
            assertEquals(Set.of("subject", "role", "endpoint", "readAt"), read.keySet());
        }
        List<Instant> times = reads.stream().map(r -> Instant.parse((String) r.get("readAt"))).toList();
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!times.get(i).isAfter(times.get(i - 1)), "newest first: " + times);
        }
        // Listing the log is a read of the case too: the earlier listings are in it by now.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertTrue(log("1000").stream().anyMatch(r -> ACCESS_LOG.equals(r.get("endpoint")))));
        given().queryParam("limit", 1).get("/api/cases/{id}/access-log", caseId).then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void anUnknownCaseIs404AndABadLimitIsNamed() {
        given().get("/api/cases/{id}/access-log", "NO-SUCH-CASE").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        for (String bad : List.of("0", "1001", "ten", "-5")) {
            given().queryParam("limit", bad).get("/api/cases/{id}/access-log", caseId).then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("field", equalTo("limit"));
        }
    }

    @Test
    void thePurgeDeletesOnlyWhatIsOlderThanTheRetention() {
        String purged = CloudEvents.newCaseId("AL-OLD");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant cutoff = now.atZone(ServiceClock.LONDON).minus(Period.ofYears(25)).toInstant();
        store.insert(pool, List.of(
                new Access("walsall", purged, "tm1", "manager", OBLIGATIONS, cutoff.minus(Duration.ofDays(1))),
                new Access("walsall", purged, "tm1", "manager", NOTICES, cutoff.plus(Duration.ofDays(1))),
                new Access("walsall", purged, "tm1", "manager", NOTICES, now))).await().indefinitely();

        long deleted = retention.purgeReadBefore(cutoff).await().indefinitely();

        assertTrue(deleted >= 1, "the entry older than the retention is gone");
        List<Access> kept = store.forCase(pool, "walsall", purged, 10).await().indefinitely();
        assertEquals(List.of(now, cutoff.plus(Duration.ofDays(1))), kept.stream().map(Access::at).toList());

        // However short the retention it is given, the purge keeps every entry younger than a year (V9).
        retention.purgeReadBefore(now.plus(Duration.ofDays(1))).await().indefinitely();
        assertEquals(List.of(now), store.forCase(pool, "walsall", purged, 10).await().indefinitely().stream()
                .map(Access::at).toList());
    }
}
