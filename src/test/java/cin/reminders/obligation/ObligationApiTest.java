package cin.reminders.obligation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CloudEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read API: a case's timetable, and filtered, paged views across cases. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class ObligationApiTest {

    @Inject
    ServiceClock clock;

    String authority = "hillingdon";
    String caseA;
    String caseB;

    @BeforeEach
    void twoCases() {
        clock.restartAt(Instant.parse("2026-09-01T09:00:00Z"));
        caseA = CloudEvents.newCaseId("QA");
        caseB = CloudEvents.newCaseId("QB");
        ObjectNode lp = CloudEvents.person("lp-" + caseA, "LEAD_PROFESSIONAL", "EMAIL");
        post(List.of(
                CloudEvents.participant(authority, caseA, lp),
                CloudEvents.event(authority, caseA, "cin.planning-meeting.held", "2026-05-29"),   // review 2026-08-28: overdue
                CloudEvents.event(authority, caseB, "cin.planning-meeting.held", "2026-08-03"))); // review 2026-11-03: open
    }

    void post(List<ObjectNode> events) {
        given().contentType("application/cloudevents-batch+json").body(events.toString())
                .post("/api/events").then().statusCode(202);
    }

    @Test
    void aCaseShowsItsTimetableWithOwnerAndTrigger() {
        given().get("/api/cases/{id}/obligations", caseA).then().statusCode(200)
                .body("$", hasSize(2))
                .body("find { it.kind == 'PLAN_REVIEW' }.status", equalTo("OVERDUE"))
                .body("find { it.kind == 'PLAN_REVIEW' }.dueDate", equalTo("2026-08-28"))
                .body("find { it.kind == 'PLAN_REVIEW' }.ruleId", equalTo("L1"))
                .body("find { it.kind == 'PLAN_REVIEW' }.owner.participantId", equalTo("lp-" + caseA))
                .body("find { it.kind == 'PLAN_REVIEW' }.owner.role", equalTo("LEAD_PROFESSIONAL"))
                .body("find { it.kind == 'FORMAL_REVIEW' }.owner.role", equalTo("TEAM_MANAGER"));
    }

    @Test
    void theLeadProfessionalUpsertedLastOwnsTheCaseAcrossRequests() {
        String caseId = CloudEvents.newCaseId("QO");
        post(List.of(CloudEvents.participant(authority, caseId, CloudEvents.person("first", "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.participant(authority, caseId, CloudEvents.person("second", "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.event(authority, caseId, "cin.planning-meeting.held", "2026-08-03")));
        given().get("/api/cases/{id}/obligations", caseId).then()
                .body("find { it.kind == 'PLAN_REVIEW' }.owner.participantId", equalTo("second"));
        post(List.of(CloudEvents.participant(authority, caseId, CloudEvents.person("first", "LEAD_PROFESSIONAL", "EMAIL"))));
        given().get("/api/cases/{id}/obligations", caseId).then()
                .body("find { it.kind == 'PLAN_REVIEW' }.owner.participantId", equalTo("first"));
        post(List.of(CloudEvents.event(authority, caseId, "cin.participant.removed", null, "participantId", "first")));
        given().get("/api/cases/{id}/obligations", caseId).then()
                .body("find { it.kind == 'PLAN_REVIEW' }.owner.participantId", equalTo("second"));
    }

    @Test
    void anUnknownCaseIs404() {
        given().get("/api/cases/{id}/obligations", "NO-SUCH-CASE").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void filtersByStatusKindOwnerAndDueDate() {
        given().queryParam("status", "OVERDUE").queryParam("caseId", caseA).get("/api/obligations")
                .then().statusCode(200).body("$", hasSize(1)).body("kind", everyItem(equalTo("PLAN_REVIEW")));
        given().queryParam("status", "OPEN").queryParam("kind", "PLAN_REVIEW").queryParam("caseId", caseB).get("/api/obligations")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].dueDate", equalTo("2026-11-03"));
        given().queryParam("owner", "lp-" + caseA).get("/api/obligations")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].caseId", equalTo(caseA));
        given().queryParam("authority", authority).queryParam("dueBefore", "2026-08-29").queryParam("caseId", caseA)
                .get("/api/obligations").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void pagesCarryTheTotal() {
        given().queryParam("authority", authority).queryParam("size", 1).queryParam("page", 0).get("/api/obligations")
                .then().statusCode(200).body("$", hasSize(1))
                .header("X-Total-Count", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void badParametersAreNamed() {
        given().queryParam("status", "LATE").get("/api/obligations").then().statusCode(400).body("field", equalTo("status"));
        given().queryParam("dueBefore", "tomorrow").get("/api/obligations").then().statusCode(400).body("field", equalTo("dueBefore"));
        given().queryParam("size", 100000).get("/api/obligations").then().statusCode(400).body("field", equalTo("size"));
        given().queryParam("kind", "TEA_BREAK").get("/api/obligations").then().statusCode(400).body("field", equalTo("kind"));
    }

    @Test
    void operationsEndpointsAnswer() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()))
                // Kafka stays out of readiness: a broker outage must not take every replica out of the Service.
                .body("checks.name", everyItem(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase("kafka"))));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/api/obligations"));
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("cin_events_applied"));
    }
}
