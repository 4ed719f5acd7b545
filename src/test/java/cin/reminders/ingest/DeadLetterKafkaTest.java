package cin.reminders.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Poison messages go to case-events.dlq with their reason, and the good ones behind them are still processed. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class DeadLetterKafkaTest {

    @Test
    void everyKindOfPoisonIsDeadLetteredWithItsReasonAndConsumptionCarriesOn() {
        String caseId = CloudEvents.newCaseId("DLQ");
        ObjectNode unknownType = CloudEvents.event("walsall", caseId, "cin.case.teleported", "2026-01-30");
        ObjectNode unknownCouncil = CloudEvents.event("atlantis", caseId, "cin.planning-meeting.held", "2026-01-30");
        ObjectNode badDate = CloudEvents.event("walsall", caseId, "cin.planning-meeting.held", "2026-01-30");
        ((ObjectNode) badDate.get("data")).put("date", "2026-01-32");
        ObjectNode noReason = CloudEvents.participant("walsall", caseId,
                CloudEvents.person("p9", "PARENT", "EMAIL").put("receivesCopies", false));
        ObjectNode badPostcode = CloudEvents.participant("walsall", caseId, CloudEvents.person("p8", "CARER", "LETTER"));
        ((ObjectNode) badPostcode.get("data").get("participant")).putObject("address").put("postcode", "BFPO 1234")
                .putArray("lines").add("1 High Street");
        ObjectNode missing = CloudEvents.event("walsall", caseId, "cin.planning-meeting.held", "2026-01-30");
        missing.remove("specversion");
        ObjectNode good = CloudEvents.event("walsall", caseId, "cin.planning-meeting.held", "2026-01-30");

        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            TestKafka.send(producer, new ProducerRecord<>("case-events", caseId, "{not json".getBytes(StandardCharsets.UTF_8)));
            for (ObjectNode poison : List.of(unknownType, unknownCouncil, badDate, noReason, badPostcode, missing)) {
                TestKafka.send(producer, TestKafka.structured(poison));
            }
            TestKafka.send(producer, TestKafka.binary(good));
        }

        // The good event after seven bad ones is applied.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/cases/{id}/obligations", caseId).then().statusCode(200)
                        .body("find { it.kind == 'PLAN_REVIEW' }.dueDate", org.hamcrest.Matchers.equalTo("2026-07-30")));

        Map<String, String> reasons = TestKafka.readAll("case-events.dlq", Duration.ofSeconds(2)).stream()
                .filter(r -> caseId.equals(r.key()))
                .collect(Collectors.toMap(r -> TestKafka.header(r, "dlq-field"), r -> TestKafka.header(r, "dlq-reason"),
                        (a, b) -> a));
        assertTrue(reasons.keySet().containsAll(java.util.Set.of("event", "type", "authority", "data.date",
                "data.participant.withholdReason", "data.participant.address.postcode", "specversion")),
                () -> "dead-lettered fields: " + reasons.keySet());
        reasons.values().forEach(reason -> assertNotNull(reason));
        assertTrue(reasons.get("data.date").startsWith("data.date: must be an ISO-8601 date"), reasons.get("data.date"));
        assertTrue(reasons.get("event").contains("not valid JSON"), reasons.get("event"));
        assertTrue(reasons.get("data.participant.address.postcode").startsWith("data.participant.address.postcode: must be a UK postcode")
                && !reasons.get("data.participant.address.postcode").contains("1234"), reasons.get("data.participant.address.postcode"));

        ConsumerRecord<String, byte[]> dead = TestKafka.readAll("case-events.dlq", Duration.ofSeconds(1)).stream()
                .filter(r -> "type".equals(TestKafka.header(r, "dlq-field")) && caseId.equals(r.key())).findFirst().orElseThrow();
        assertEquals("case-events", TestKafka.header(dead, "dlq-original-topic"));
        assertTrue(new String(dead.value(), StandardCharsets.UTF_8).contains("cin.case.teleported"), "the original value is kept");
    }

    /**
     * Councils number their cases independently (CONTRACT-2 §6): Walsall's event for a case id Durham already uses is
     * Walsall's own case, applied and never dead-lettered, and neither case sees the other's events.
     */
    @Test
    void anEventOfAnotherCouncilForTheSameCaseIdIsThatCouncilsOwnCase() {
        String caseId = CloudEvents.newCaseId("DLA");
        given().contentType("application/cloudevents+json")
                .body(CloudEvents.event("durham", caseId, "cin.case.opened", "2026-03-02", "planType", "CHILD_IN_NEED").toString())
                .post("/api/events").then().statusCode(202);
        ObjectNode walsall = CloudEvents.event("walsall", caseId, "cin.planning-meeting.held", "2026-03-03");
        ObjectNode durham = CloudEvents.event("durham", caseId, "cin.planning-meeting.held", "2026-03-03");
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            TestKafka.send(producer, TestKafka.structured(walsall));
            TestKafka.send(producer, TestKafka.structured(durham));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().queryParam("authority", "durham").get("/api/cases/{id}/obligations", caseId).then()
                    .body("find { it.kind == 'PLAN_COMPLETION' }.dueDate", org.hamcrest.Matchers.equalTo("2026-03-06"))
                    .body("authority", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("durham")));
            given().queryParam("authority", "walsall").get("/api/cases/{id}/obligations", caseId).then()
                    .statusCode(200)
                    .body("authority", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("walsall")))
                    .body("triggeredBy", org.hamcrest.Matchers.hasItem(walsall.get("id").asText()))
                    .body("triggeredBy", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(durham.get("id").asText())));
        });
        // Both councils use the id: without naming one, the answer is a conflict naming both.
        given().get("/api/cases/{id}/obligations", caseId).then().statusCode(409)
                .body("authorities", org.hamcrest.Matchers.containsInAnyOrder("durham", "walsall"));
        assertTrue(TestKafka.readAll("case-events.dlq", Duration.ofSeconds(1)).stream()
                .noneMatch(r -> caseId.equals(r.key())), "nothing of either council's case was dead-lettered");
    }
}
