package cin.reminders.notice;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A fault of ours (here: stored notice data that no template can word) is held and tried again, logged
 * with its stack trace and counted, and never recorded as the family being unreachable: the notice does
 * not fail, and the lead professional is not told the family cannot be reached.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class InternalFaultTest {

    @Inject
    ServiceClock clock;
    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool;

    @Test
    void aNoticeThatCannotBeRenderedIsHeldNotFailed() throws Exception {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        CaseScript c = new CaseScript("walsall", "FAULT");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("mum", "PARENT", "EMAIL"));
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                        insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id,
                            recipient_role, language, status, scheduled_for, next_attempt_at, data)
                        values ($1, $2, $3, 'walsall', 'record-copy', 'EMAIL', 'mum', 'PARENT', 'en', 'SCHEDULED', $4, $4,
                            '{"documentUrl": "https://cms.example/r/1", "record": "NO_SUCH_RECORD"}'::jsonb)""")
                .execute(Tuple.of(id, "internal-fault|" + id, c.caseId, clock.now().atOffset(ZoneOffset.UTC)))
                .await().indefinitely();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Row row = notice(id);
            assertEquals("SCHEDULED", row.getString("status"), "held, not failed");
            String reason = row.getString("reason");
            assertTrue(reason != null && reason.contains("held"), "the record says it is held: " + reason);
        });
        Row row = notice(id);
        assertEquals(0, row.getInteger("attempts"), "a fault of ours is not counted against the message");
        assertTrue(row.getOffsetDateTime("next_attempt_at").toInstant().isAfter(clock.now()), "tried again later");
        assertEquals(0, c.notices("contact-failed").size(), "the lead professional is not told the family is unreachable");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("cin_notices_internal_faults_total{") && metrics.contains("template=\"record-copy\""),
                "the fault is counted");
        String log = Files.readString(Path.of("target/service-test.log"));
        int at = log.indexOf("Notice " + id + " (record-copy) could not be prepared");
        assertTrue(at >= 0, "the fault is logged");
        assertTrue(log.indexOf("\"stackTrace\"", at) > 0 || log.indexOf("\"exception\"", at) > 0,
                "with its stack trace");
    }

    private Row notice(UUID id) {
        return pool.preparedQuery("select status, reason, attempts, next_attempt_at from notice where id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
    }
}
