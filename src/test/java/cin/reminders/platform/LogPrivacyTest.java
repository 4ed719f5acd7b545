package cin.reminders.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.testing.CaseScript;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Children's data never reaches a log line: after a full case (participants, a meeting at a
 * confidential address, plan copies by email and text, a failed text, a poison message carrying
 * personal data), the service's JSON log holds none of the names, emails, numbers or addresses.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class LogPrivacyTest {

    static final Path LOG = Path.of("target/service-test.log");
    static final String NAME = "Zebedee Quillfeather";
    static final String EMAIL = "zebedee.quillfeather@private.example";
    static final String MOBILE = "07700900999";
    static final String VENUE = "7 Secretive Crescent";

    @Inject
    ServiceClock clock;

    @AfterEach
    void healthyNotify() {
        NotifyStub.reset();
    }

    @Test
    void aFullCaseLeavesNoPersonalDataInTheLogs() throws Exception {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        CaseScript c = new CaseScript("durham", "LOG");
        NotifyStub.failFor("+447700900999", 400);
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("tm", "TEAM_MANAGER", "EMAIL"))
                .upsert(c.person("mum", "PARENT", "SMS").put("name", NAME).put("mobile", MOBILE).put("email", EMAIL)
                        .put("addressConfidential", true))
                .upsert(c.person("kid", "CHILD", "EMAIL").put("name", NAME + " Junior").put("dateOfBirth", "2012-01-01"))
                .event("cin.planning-meeting.held", "2026-03-02", "firstReviewDate", "2026-06-01")
                .event("cin.meeting.scheduled", "2026-03-02", "meeting", "CARE_TEAM", "startsAt", "2026-03-09T16:00",
                        "venue", VENUE, "invitees", List.of("mum", "kid"))
                .event("cin.plan.published", "2026-03-02", "version", 1, "documentUrl", "https://cms.example/p/1");
        // A poison message whose data carries personal details: dead-lettered, and its details not logged.
        var poison = CloudEvents.participant("durham", c.caseId, CloudEvents.person("x", "PARENT", "EMAIL")
                .put("name", NAME).put("email", EMAIL).put("receivesCopies", false));
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            TestKafka.send(producer, TestKafka.structured(poison));
        }
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertEquals("SENT", c.notice("plan-copy", "kid").get("status"));
            // The text failed (400); the plan went by email instead.
            assertTrue(c.notices("plan-copy").stream().anyMatch(n -> "SMS".equals(n.get("channel")) && "FAILED".equals(n.get("status"))));
            assertTrue(c.notices("plan-copy").stream().anyMatch(n -> "EMAIL".equals(n.get("channel"))
                    && "SENT".equals(n.get("status")) && ((java.util.Map<?, ?>) n.get("recipient")).get("participantId").equals("mum")));
        });
        // The failed text is logged (by notice id only): once it is in the file, this case's activity is too.
        String failedSms = c.notices("plan-copy").stream().filter(n -> "SMS".equals(n.get("channel")))
                .map(n -> (String) n.get("id")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(LOG).contains(failedSms));

        // Lines of the test's own infrastructure (the SMTP server and the Notify stub run in this JVM) are not the service's.
        String log = String.join("\n", Files.readAllLines(LOG).stream()
                .filter(l -> !l.contains("\"loggerName\":\"com.icegreen") && !l.contains("\"loggerName\":\"WireMock")
                        && !l.contains("\"loggerName\":\"org.eclipse.jetty"))
                .toList());
        for (String secret : List.of(NAME, "Zebedee", "Quillfeather", EMAIL, MOBILE, "+447700900999", "7700900999", VENUE,
                "Secretive Crescent")) {
            assertFalse(log.contains(secret), "the log holds personal data: " + secret);
        }
        // And the log is JSON lines, as production writes them.
        ObjectMapper json = new ObjectMapper();
        long lines = Files.lines(LOG).filter(l -> !l.isBlank()).peek(l -> {
            try {
                json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not a JSON log line: " + l.substring(0, Math.min(80, l.length())));
            }
        }).count();
        assertTrue(lines > 10);
    }
}
