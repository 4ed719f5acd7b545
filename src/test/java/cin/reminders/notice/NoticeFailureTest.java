package cin.reminders.notice;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.SmtpSink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Providers fail as GOV.UK Notify's docs say they do (429, 5xx, 400); nothing is lost and every failure is recorded. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class NoticeFailureTest {

    static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    ServiceClock clock;
    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @BeforeEach
    void weekdayMorning() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
    }

    @AfterEach
    void healthyNotify() {
        NotifyStub.reset();
    }

    CaseScript parentCase(String prefix, String mobile, boolean withEmail) {
        return parentCase("hillingdon", prefix, mobile, withEmail);
    }

    CaseScript parentCase(String authority, String prefix, String mobile, boolean withEmail) {
        CaseScript c = new CaseScript(authority, prefix);
        var mum = c.person("mum", "PARENT", "SMS").put("mobile", mobile);
        if (!withEmail) {
            mum.putNull("email");
        }
        return c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL")).upsert(mum);
    }

    void publish(CaseScript c) {
        c.event("cin.plan.published", "2026-03-02", "version", 2, "documentUrl", "https://cms.example/p/2", "amended", true);
    }

    @Test
    void a429SlowsSendingAndLosesNothing() {
        CaseScript c = parentCase("F429", "07700900201", false);
        NotifyStub.failNext(429, 3);
        long before = NotifyStub.requests(429);
        double counted = metrics.get("cin.notices.rate_limited").tags("channel", "SMS", "provider", "notify").counter().count();
        publish(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "mum").get("status")));
        assertTrue(NotifyStub.requests(429) >= before + 3, "the 429s were answered");
        // Counted for the CinNotifyRateLimited alert (k8s/monitoring).
        assertTrue(metrics.get("cin.notices.rate_limited").tags("channel", "SMS", "provider", "notify").counter().count()
                >= counted + 3, "the 429s were counted");
        String id = (String) c.notice("plan-copy", "mum").get("id");
        assertEquals(1, NotifyStub.countAcceptedByReference(id), "sent once");
    }

    @Test
    void a5xxIsRetriedWithBackoffAndThenSucceeds() {
        CaseScript c = parentCase("F503", "07700900202", false);
        NotifyStub.failNext(503, 2);
        publish(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "mum").get("status")));
        Map<String, Object> n = c.notice("plan-copy", "mum");
        assertTrue(((Number) n.get("attempts")).intValue() >= 3, "two failed attempts, then success: " + n);
        assertEquals(1, NotifyStub.countAcceptedByReference((String) n.get("id")));
    }

    @Test
    void aTextNotifyKeptDespiteA5xxIsFoundByReferenceNotSentAgain() {
        assertSentOnceAfterAnAmbiguousAnswer(500, "FAK5", "07700900208");
    }

    @Test
    void aTextNotifyKeptBeforeTheConnectionWasResetIsFoundByReferenceNotSentAgain() {
        assertSentOnceAfterAnAmbiguousAnswer(NotifyStub.CONNECTION_RESET, "FAKR", "07700900209");
    }

    /** Notify stores the text but the answer is an error: the retry asks Notify first and finds it. */
    private void assertSentOnceAfterAnAmbiguousAnswer(int status, String prefix, String mobile) {
        CaseScript c = parentCase(prefix, mobile, false);
        NotifyStub.acceptThenFail(status, 1);
        publish(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "mum").get("status")));
        Map<String, Object> n = c.notice("plan-copy", "mum");
        assertTrue(((Number) n.get("attempts")).intValue() >= 2, "the first answer was an error: " + n);
        assertEquals(1, NotifyStub.countAcceptedByReference((String) n.get("id")), "Notify had it: not sent again");
    }

    @Test
    void a400IsRecordedAsFailedAndTheLeadProfessionalIsTold() {
        CaseScript c = parentCase("durham", "F400", "07700900203", false);
        NotifyStub.failFor("+447700900203", 400);
        c.event("cin.planning-meeting.held", "2026-03-02");
        publish(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("FAILED", c.notice("plan-copy", "mum").get("status")));
        assertTrue(((String) c.notice("plan-copy", "mum").get("reason")).contains("400"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("contact-failed", "lp").get("status")));
        var mail = SmtpSink.await(m -> c.emailOf("lp").equals(SmtpSink.mailbox(m))
                && SmtpSink.text(m).contains("Name of mum"), 1, WAIT).get(0);
        assertTrue(SmtpSink.text(mail).contains(c.caseId));
        // While a recipient's notice has FAILED, the distribution is not fulfilled.
        assertEquals("OPEN", c.obligations().getString("find { it.kind == 'PLAN_DISTRIBUTION' }.status"));
    }

    @Test
    void aTextThatCannotBeDeliveredGoesByEmailWhenThePersonHasOne() {
        CaseScript c = parentCase("FFB", "07700900204", true);
        NotifyStub.failFor("+447700900204", 400);
        publish(c);
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("FAILED", c.notice("plan-copy", "mum").get("status"));
            assertEquals(1, c.notices("plan-copy").stream().filter(n -> "EMAIL".equals(n.get("channel"))
                    && "SENT".equals(n.get("status"))).count());
        });
        SmtpSink.await(m -> c.emailOf("mum").equals(SmtpSink.mailbox(m)), 1, WAIT);
        assertTrue(c.notices("contact-failed").isEmpty(), "the family was reached by email");
    }

    @Test
    void anInvalidMobileNeverReachesNotify() {
        CaseScript c = parentCase("FIM", "01632 960000", false); // a landline
        long accepted = NotifyStub.accepted().size();
        publish(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("FAILED", c.notice("plan-copy", "mum").get("status")));
        assertEquals(accepted, NotifyStub.accepted().size());
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, c.notices("contact-failed").size()));
    }

    @Test
    void aTextAtTenAtNightWaitsForEightInTheMorning() {
        clock.restartAt(Instant.parse("2026-03-02T22:00:00Z"));
        CaseScript c = parentCase("FQH", "07700900205", false);
        publish(c);
        await().atMost(WAIT).untilAsserted(() ->
                assertEquals("2026-03-03T08:00:00Z", c.notice("plan-copy", "mum").get("scheduledFor")));
        String id = (String) c.notice("plan-copy", "mum").get("id");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                "SCHEDULED".equals(c.notice("plan-copy", "mum").get("status")));
        assertEquals(0, NotifyStub.countAcceptedByReference(id), "nothing sent at night");

        clock.restartAt(Instant.parse("2026-03-03T08:00:01Z"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "mum").get("status")));
        assertEquals(1, NotifyStub.countAcceptedByReference(id));
    }

    @Test
    void deliveryReceiptsNeedTheTokenAndMoveNoticesForward() {
        CaseScript c = parentCase("FCB", "07700900206", false);
        publish(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "mum").get("status")));
        String id = (String) c.notice("plan-copy", "mum").get("id");
        String body = "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"reference\":\"" + id
                + "\",\"to\":\"07700900206\",\"status\":\"delivered\",\"notification_type\":\"sms\"}";
        given().contentType("application/json").body(body).post("/api/notify/callbacks").then().statusCode(401);
        given().contentType("application/json").header("Authorization", "Bearer wrong").body(body)
                .post("/api/notify/callbacks").then().statusCode(401);
        given().contentType("application/json").header("Authorization", "Bearer " + NotifyStub.CALLBACK_TOKEN)
                .body(body.replace("delivered", "on-a-boat")).post("/api/notify/callbacks").then().statusCode(400);
        given().contentType("application/json").header("Authorization", "Bearer " + NotifyStub.CALLBACK_TOKEN).body(body)
                .post("/api/notify/callbacks").then().statusCode(200);
        assertEquals("DELIVERED", c.notice("plan-copy", "mum").get("status"));
        // A late "sending" receipt never moves it back.
        given().contentType("application/json").header("Authorization", "Bearer " + NotifyStub.CALLBACK_TOKEN)
                .body(body.replace("delivered", "sending")).post("/api/notify/callbacks").then().statusCode(200);
        assertEquals("DELIVERED", c.notice("plan-copy", "mum").get("status"));
    }

    @Test
    void aPermanentFailureReceiptTellsTheLeadProfessional() {
        CaseScript c = parentCase("FPF", "07700900207", false);
        publish(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "mum").get("status")));
        String id = (String) c.notice("plan-copy", "mum").get("id");
        given().contentType("application/json").header("Authorization", "Bearer " + NotifyStub.CALLBACK_TOKEN)
                .body("{\"reference\":\"" + id + "\",\"status\":\"permanent-failure\"}")
                .post("/api/notify/callbacks").then().statusCode(200);
        assertEquals("FAILED", c.notice("plan-copy", "mum").get("status"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("contact-failed", "lp").get("status")));
    }
}
