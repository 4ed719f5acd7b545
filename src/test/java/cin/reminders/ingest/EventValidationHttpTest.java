package cin.reminders.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import cin.reminders.testing.CloudEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Bad input over HTTP: a 400 RFC 9457 problem naming the field, and nothing applied. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class EventValidationHttpTest {

    static final String CE = "application/cloudevents+json";

    void refused(String contentType, String body, String field) {
        given().contentType(contentType).body(body).post("/api/events")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("errors.field", hasItem(field))
                .body("type", startsWith("https://"));
    }

    @Test
    void malformedJson() {
        refused(CE, "{\"specversion\": \"1.0\", ", "body");
    }

    @Test
    void missingAttribute() {
        ObjectNode e = CloudEvents.event("durham", CloudEvents.newCaseId("V"), "cin.assessment.completed", "2026-03-02");
        e.remove("source");
        refused(CE, e.toString(), "source");
    }

    @Test
    void unknownType() {
        refused(CE, CloudEvents.event("durham", "V-1", "cin.case.reopened", "2026-03-02").toString(), "type");
    }

    @Test
    void unknownCouncil() {
        refused(CE, CloudEvents.event("gotham", "V-1", "cin.assessment.completed", "2026-03-02").toString(), "authority");
    }

    @Test
    void badDate() {
        ObjectNode e = CloudEvents.event("durham", "V-1", "cin.assessment.completed", "2026-02-28");
        ((ObjectNode) e.get("data")).put("date", "2026-02-30");
        refused(CE, e.toString(), "data.date");
    }

    @Test
    void aRecordsBadMeetingDate() {
        refused(CE, CloudEvents.event("durham", "V-1", "cin.record.published", "2026-03-20", "record", "CARE_TEAM_MEETING",
                "documentUrl", "https://cms.example/r/1", "meetingDate", "12/03/2026").toString(), "data.meetingDate");
    }

    @Test
    void withheldParentWithoutAReason() {
        ObjectNode parent = CloudEvents.person("p1", "PARENT", "EMAIL").put("receivesCopies", false);
        refused(CE, CloudEvents.participant("durham", "V-1", parent).toString(), "data.participant.withholdReason");
    }

    @Test
    void aBadPostcode() {
        ObjectNode parent = CloudEvents.person("p1", "PARENT", "LETTER");
        parent.putObject("address").put("postcode", "SW1A 1ZZZ").putArray("lines").add("1 High Street");
        String caseId = CloudEvents.newCaseId("VA");
        refused(CE, CloudEvents.participant("durham", caseId, parent).toString(), "data.participant.address.postcode");
        given().contentType(CE).body(CloudEvents.participant("durham", caseId, parent).toString()).post("/api/events")
                .then().statusCode(400)
                .body("errors.pointer", hasItem("/data/participant/address/postcode"))
                .body(not(containsString("1ZZZ"))) // the problem names the field, never the value
                .body(not(containsString("1 High Street")));
        given().get("/api/cases/{id}/obligations", caseId).then().statusCode(404);
    }

    @Test
    void aLineTooLongIsNamedByItsIndex() {
        ObjectNode parent = CloudEvents.person("p1", "PARENT", "LETTER");
        parent.putObject("address").put("postcode", "sw1a1aa").putArray("lines").add("1 High Street").add("x".repeat(36));
        refused(CE, CloudEvents.participant("durham", "V-1", parent).toString(), "data.participant.address.lines[1]");
    }

    @Test
    void aGoodAddressIsAccepted() {
        ObjectNode parent = CloudEvents.person("p1", "PARENT", "LETTER");
        parent.putObject("address").put("postcode", "sw1a1aa").putArray("lines").add("1 High Street").add("London");
        given().contentType(CE).body(CloudEvents.participant("durham", CloudEvents.newCaseId("VA"), parent).toString())
                .post("/api/events").then().statusCode(202).body("applied", equalTo(1));
    }

    @Test
    void aBatchIsRefusedWholeAndTheBadEventIsNamedByIndex() {
        String caseId = CloudEvents.newCaseId("VB");
        ObjectNode good = CloudEvents.event("durham", caseId, "cin.planning-meeting.held", "2026-03-02");
        ObjectNode bad = CloudEvents.event("durham", caseId, "cin.review.held", "2026-03-02", "outcome", "PERHAPS");
        refused("application/cloudevents-batch+json", "[" + good + "," + bad + "]", "[1].data.outcome");
        given().get("/api/cases/{id}/obligations", caseId).then().statusCode(404);
    }

    @Test
    void aWellFormedBatchIsAccepted() {
        String caseId = CloudEvents.newCaseId("VG");
        ObjectNode open = CloudEvents.event("durham", caseId, "cin.case.opened", "2026-03-02", "planType", "CHILD_IN_NEED");
        ObjectNode meeting = CloudEvents.event("durham", caseId, "cin.planning-meeting.held", "2026-03-02");
        given().contentType("application/cloudevents-batch+json").body("[" + open + "," + meeting + "]")
                .post("/api/events").then().statusCode(202).body("accepted", equalTo(2)).body("applied", equalTo(2));
    }
}
