package cin.reminders.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.testing.CaseScript;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.SmtpSink;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Children's data never reaches a log line: after a full case (participants, postal addresses, one of them
 * confidential, a meeting at a confidential address, plan copies by email and text, a failed text, a copy for someone
 * who prefers letters, a poison message carrying personal data), the service's JSON log holds none of the names,
 * emails, numbers or addresses, no API answer of the case holds a postal address, and a confidential address is on
 * its owner's own letter and on no other message.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class LogPrivacyTest {

    static final Path LOG = Path.of("target/service-test.log");
    static final String NAME = "Zebedee Quillfeather";
    static final String EMAIL = "zebedee.quillfeather@private.example";
    static final String MOBILE = "07700900999";
    static final String VENUE = "7 Secretive Crescent";
    /** Postal addresses (CONTRACT-2 §5): stored, never logged, never returned. Postcodes as typed and as stored. */
    static final List<String> MUM_LINES = List.of("12 Xylophone Terrace", "Upper Wallopshire");
    static final String MUM_POSTCODE = "SO20 8ZZ";
    static final List<String> KID_LINES = List.of("Flat 9 Quokkafield House");
    static final String KID_POSTCODE_TYPED = "ka279zz";
    static final String KID_POSTCODE = "KA27 9ZZ";
    static final List<String> GRAN_LINES = List.of("Nightjar Cottage", "Brambleworth Lane");
    static final String GRAN_POSTCODE = "TD15 1UZ";
    static final List<String> ADDRESSES = List.of("Xylophone", "Wallopshire", MUM_POSTCODE, "SO208ZZ", "Quokkafield",
            KID_POSTCODE_TYPED, KID_POSTCODE, "KA279ZZ", "Nightjar", "Brambleworth", GRAN_POSTCODE, "TD151UZ");

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
        ObjectNode mum = c.person("mum", "PARENT", "SMS").put("name", NAME).put("mobile", MOBILE).put("email", EMAIL)
                .put("addressConfidential", true);
        mum.set("address", address(MUM_LINES, MUM_POSTCODE));
        ObjectNode kid = c.person("kid", "CHILD", "EMAIL").put("name", NAME + " Junior").put("dateOfBirth", "2012-01-01");
        kid.set("address", address(KID_LINES, KID_POSTCODE_TYPED));
        // Prefers letters: her copy goes by post, to her confidential address, which only her own letter shows.
        ObjectNode gran = c.person("gran", "CARER", "LETTER").put("addressConfidential", true);
        gran.set("address", address(GRAN_LINES, GRAN_POSTCODE));
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("tm", "TEAM_MANAGER", "EMAIL"))
                .upsert(mum)
                .upsert(kid)
                .upsert(gran)
                .event("cin.planning-meeting.held", "2026-03-02", "firstReviewDate", "2026-06-01")
                .event("cin.meeting.scheduled", "2026-03-02", "meeting", "CARE_TEAM", "startsAt", "2026-03-09T16:00",
                        "venue", VENUE, "invitees", List.of("mum", "kid"))
                .event("cin.plan.published", "2026-03-02", "version", 1, "documentUrl", "https://cms.example/p/1");
        // A poison message whose data carries personal details: dead-lettered, and its details not logged.
        ObjectNode poisoned = CloudEvents.person("x", "PARENT", "EMAIL")
                .put("name", NAME).put("email", EMAIL).put("receivesCopies", false);
        poisoned.set("address", address(List.of(MUM_LINES.get(0), "no fixed abode"), MUM_POSTCODE + "X"));
        var poison = CloudEvents.participant("durham", c.caseId, poisoned);
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            TestKafka.send(producer, TestKafka.structured(poison));
        }
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertEquals("SENT", c.notice("plan-copy", "kid").get("status"));
            // The text failed (400); the plan went by email instead.
            assertTrue(c.notices("plan-copy").stream().anyMatch(n -> "SMS".equals(n.get("channel")) && "FAILED".equals(n.get("status"))));
            assertTrue(c.notices("plan-copy").stream().anyMatch(n -> "EMAIL".equals(n.get("channel"))
                    && "SENT".equals(n.get("status")) && ((java.util.Map<?, ?>) n.get("recipient")).get("participantId").equals("mum")));
            // Gran's copy went by letter.
            assertEquals("SENT", c.notice("plan-copy", "gran").get("status"));
            assertEquals("LETTER", c.notice("plan-copy", "gran").get("channel"));
        });
        // Her confidential address is on her own letter, and on no other message: no email, no text, no other letter.
        String granLetter = (String) c.notice("plan-copy", "gran").get("id");
        NotifyStub.Letter letter = NotifyStub.lettersByReference(granLetter).get(0);
        assertEquals(List.of("Name of gran", GRAN_LINES.get(0), GRAN_LINES.get(1), GRAN_POSTCODE), letter.addressLines());
        for (String secret : List.of("Nightjar", "Brambleworth", GRAN_POSTCODE)) {
            assertFalse(letter.subject().contains(secret) || letter.body().contains(secret), "the letter's text: " + secret);
            for (NotifyStub.Accepted other : NotifyStub.accepted()) {
                if (!granLetter.equals(other.reference())) {
                    assertFalse(String.valueOf(other.recipient()).contains(secret)
                            || String.valueOf(other.body()).contains(secret)
                            || String.valueOf(other.personalisation()).contains(secret), "another message: " + secret);
                }
            }
            // Other tests' mail may still be arriving: a read that meets it is read again.
            List<jakarta.mail.internet.MimeMessage> mails = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(SmtpSink::messages, m -> true);
            for (var mail : mails) {
                assertFalse(SmtpSink.text(mail).contains(secret) || String.valueOf(mail.getSubject()).contains(secret),
                        "an email holds gran's address: " + secret);
            }
        }
        // The failed text is logged (by notice id only): once it is in the file, this case's activity is too.
        String failedSms = c.notices("plan-copy").stream().filter(n -> "SMS".equals(n.get("channel")))
                .map(n -> (String) n.get("id")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(LOG).contains(failedSms));

        // Lines of the test's own infrastructure (the SMTP server and the Notify stub run in this JVM) are not the service's.
        String log = String.join("\n", Files.readAllLines(LOG).stream()
                .filter(l -> !l.contains("\"loggerName\":\"com.icegreen") && !l.contains("\"loggerName\":\"WireMock")
                        && !l.contains("\"loggerName\":\"org.eclipse.jetty"))
                .toList());
        List<String> secrets = new java.util.ArrayList<>(List.of(NAME, "Zebedee", "Quillfeather", EMAIL, MOBILE,
                "+447700900999", "7700900999", VENUE, "Secretive Crescent"));
        secrets.addAll(ADDRESSES);
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "the log holds personal data: " + secret);
        }
        // No API answer about the case holds a postal address (CONTRACT-2 §5: address is never returned).
        for (var answer : apiAnswers(c).entrySet()) {
            for (String secret : ADDRESSES) {
                assertFalse(answer.getValue().contains(secret), answer.getKey() + " returns an address: " + secret);
            }
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

    static ObjectNode address(List<String> lines, String postcode) {
        ObjectNode address = CloudEvents.JSON.createObjectNode().put("postcode", postcode);
        lines.forEach(address.putArray("lines")::add);
        return address;
    }

    /** Every answer the API gives about the case, its people and their work, by call. */
    static Map<String, String> apiAnswers(CaseScript c) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("obligations", given().get("/api/cases/{id}/obligations", c.caseId).then().statusCode(200)
                .extract().asString());
        answers.put("notices", given().get("/api/cases/{id}/notices", c.caseId).then().statusCode(200)
                .extract().asString());
        answers.put("access-log", given().get("/api/cases/{id}/access-log", c.caseId).then().statusCode(200)
                .extract().asString());
        answers.put("obligation list", given().queryParam("caseId", c.caseId).queryParam("authority", c.authority)
                .get("/api/obligations").then().statusCode(200).extract().asString());
        answers.put("dashboard", given().queryParam("authority", c.authority).get("/dashboard").then().statusCode(200)
                .extract().asString());
        String feed = given().queryParam("authority", c.authority).get("/api/professionals/{id}/calendar-link", "lp")
                .then().statusCode(200).extract().path("url");
        answers.put("calendar", given().get(feed).then().statusCode(200).extract().asString());
        // The dry run of an upsert that carries an address, and of the copies it would change.
        ObjectNode aunt = c.person("aunt", "CARER", "LETTER");
        aunt.set("address", address(MUM_LINES, MUM_POSTCODE));
        String batch = List.of(CloudEvents.participant(c.authority, c.caseId, aunt),
                CloudEvents.event(c.authority, c.caseId, "cin.plan.published", "2026-03-02", "version", 2,
                        "documentUrl", "https://cms.example/p/2")).toString();
        answers.put("preview", given().contentType("application/cloudevents-batch+json").body(batch).post("/api/preview")
                .then().statusCode(200).extract().asString());
        return answers;
    }
}
