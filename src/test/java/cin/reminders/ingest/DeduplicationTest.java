package cin.reminders.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/** (source, id) identifies an event: a second delivery, by either path, changes nothing. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class DeduplicationTest {

    @Test
    void theSameEventTwiceOverHttpAppliesOnce() {
        String caseId = CloudEvents.newCaseId("DD");
        ObjectNode meeting = CloudEvents.event("derbyshire", caseId, "cin.planning-meeting.held", "2026-01-12");
        ObjectNode review = CloudEvents.event("derbyshire", caseId, "cin.review.held", "2026-02-20", "outcome", "CONTINUE");
        String batch = "[" + meeting + "," + review + "]";
        given().contentType("application/cloudevents-batch+json").body(batch).post("/api/events")
                .then().statusCode(202).body("applied", equalTo(2)).body("duplicates", equalTo(0));
        String before = given().get("/api/cases/{id}/obligations", caseId).then().statusCode(200).extract().asString();

        given().contentType("application/cloudevents-batch+json").body(batch).post("/api/events")
                .then().statusCode(202).body("applied", equalTo(0)).body("duplicates", equalTo(2));
        given().contentType("application/cloudevents+json").body(review.toString()).post("/api/events")
                .then().statusCode(202).body("duplicates", equalTo(1));
        assertEquals(before, given().get("/api/cases/{id}/obligations", caseId).then().extract().asString());
    }

    @Test
    void aKafkaReplayOfEventsAlreadyPostedChangesNothing() {
        String caseId = CloudEvents.newCaseId("DK");
        ObjectNode meeting = CloudEvents.event("derbyshire", caseId, "cin.planning-meeting.held", "2026-01-12");
        ObjectNode review = CloudEvents.event("derbyshire", caseId, "cin.review.held", "2026-02-20", "outcome", "CONTINUE");
        given().contentType("application/cloudevents-batch+json").body("[" + meeting + "," + review + "]")
                .post("/api/events").then().statusCode(202);

        // Replay both, then one fresh event that moves the case on: once it shows, the replay is behind it.
        ObjectNode later = CloudEvents.event("derbyshire", caseId, "cin.review.held", "2026-03-27", "outcome", "CONTINUE");
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            for (ObjectNode e : List.of(meeting, review, meeting, review, later)) {
                TestKafka.send(producer, TestKafka.structured(e));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/cases/{id}/obligations", caseId).then().extract().jsonPath()
                        .getList("findAll { it.kind == 'PLAN_REVIEW' }").size() == 3);
        List<String> reviews = given().get("/api/cases/{id}/obligations", caseId).then().extract().jsonPath()
                .getList("findAll { it.kind == 'PLAN_REVIEW' }.dueDate");
        // 6 weeks from each review held: the replayed review was not applied a second time.
        assertEquals(List.of("2026-02-23", "2026-04-02", "2026-05-08"), reviews);
    }
}
