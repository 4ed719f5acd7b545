package cin.reminders.platform.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.model.Channel;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notices that are settled only ever grow in number: they are counted as they settle ({@code cin.notices.settled},
 * by channel and status), and the {@code cin.notices} gauge shows the notices still to go (SCHEDULED, SENDING).
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class StateGaugesTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final Set<String> LIVE = Set.of("SCHEDULED", "SENDING");

    @Inject
    ServiceClock clock;
    @Inject
    MeterRegistry metrics;
    @Inject
    StateGauges gauges;
    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool;

    @BeforeEach
    void weekdayMorning() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
    }

    @Test
    void sentDeliveredAndSuppressedNoticesAreCountedAndTheGaugeShowsOnlyWhatIsStillToGo() {
        double sentTexts = settled("SMS", "SENT");
        double deliveredTexts = settled("SMS", "DELIVERED");
        double suppressedEmails = settled("EMAIL", "SUPPRESSED");

        CaseScript c = new CaseScript("durham", "GS");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("mum", "PARENT", "SMS").put("mobile", "07700900411").putNull("email"))
                .upsert(c.person("dad", "PARENT", "EMAIL").put("receivesCopies", false)
                        .put("withholdReason", "contrary to the child's welfare"))
                .event("cin.planning-meeting.held", "2026-03-02")
                .event("cin.plan.published", "2026-03-02", "version", 1, "documentUrl", "https://cms.example/plans/7",
                        "amended", false)
                // The invitation goes now; its reminder waits for the day before the meeting.
                .event("cin.meeting.scheduled", "2026-03-02", "meeting", "REVIEW", "startsAt", "2026-03-12T10:30",
                        "venue", "Durham County Hall", "invitees", List.of("mum"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("SENT", c.notice("plan-copy", "mum").get("status"));
            assertEquals("SUPPRESSED", c.notice("plan-copy", "dad").get("status"));
            assertEquals("SCHEDULED", c.notice("meeting-reminder", "mum").get("status"));
        });
        String copy = (String) c.notice("plan-copy", "mum").get("id");
        given().contentType("application/json").header("Authorization", "Bearer " + NotifyStub.CALLBACK_TOKEN)
                .body("{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"reference\":\"" + copy
                        + "\",\"to\":\"07700900411\",\"status\":\"delivered\",\"notification_type\":\"sms\"}")
                .post("/api/notify/callbacks").then().statusCode(200);
        assertEquals("DELIVERED", c.notice("plan-copy", "mum").get("status"));

        // Counted as the receipts are relayed, after the outbox's commit: the text sent (copy and invitation),
        // then delivered; the withheld copy suppressed.
        await().atMost(WAIT).untilAsserted(() -> {
            assertTrue(settled("SMS", "SENT") >= sentTexts + 2, "texts sent");
            assertTrue(settled("SMS", "DELIVERED") >= deliveredTexts + 1, "text delivered");
            assertTrue(settled("EMAIL", "SUPPRESSED") >= suppressedEmails + 1, "copy withheld");
        });
        String exposition = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(exposition.contains("cin_notices_settled_total{channel=\"SMS\",status=\"DELIVERED\"}"), exposition);

        // The gauge: the queue by channel and status, with the reminder in it; nothing settled.
        gauges.refresh().await().atMost(WAIT);
        Collection<Gauge> notices = metrics.find("cin.notices").gauges();
        assertFalse(notices.isEmpty());
        for (Gauge g : notices) {
            assertTrue(LIVE.contains(g.getId().getTag("status")), "only notices still to go: " + g.getId());
        }
        // Every channel (EMAIL, SMS and LETTER), both states, 0 included.
        assertEquals(Channel.values().length * LIVE.size(), notices.size(), "every channel, both states: " + notices);
        // This case has no letter; letters of other tests may wait for the next day in the shared database: the
        // gauge shows exactly those.
        long lettersWaiting = pool.preparedQuery("select count(*) from notice where channel = 'LETTER' and status = 'SCHEDULED'")
                .execute().await().atMost(WAIT).iterator().next().getLong(0);
        assertEquals(lettersWaiting, metrics.get("cin.notices").tags("channel", "LETTER", "status", "SCHEDULED").gauge().value(),
                "the letters still to go");
        assertTrue(metrics.get("cin.notices").tags("channel", "SMS", "status", "SCHEDULED").gauge().value() >= 1,
                "the meeting reminder is queued");
        assertTrue(metrics.get("cin.obligations.open").gauges().stream().anyMatch(g ->
                "durham".equals(g.getId().getTag("authority")) && g.value() >= 1), "open obligations of the council");
    }

    private double settled(String channel, String status) {
        Counter counter = metrics.find("cin.notices.settled").tags("channel", channel, "status", status).counter();
        return counter == null ? 0 : counter.count();
    }
}
