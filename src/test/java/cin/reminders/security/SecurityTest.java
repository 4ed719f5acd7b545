package cin.reminders.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.SecuredInfrastructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outside dev and test: 401 without a token, 403 for the wrong role or someone else's case, 2xx otherwise. */
@QuarkusTest
@TestProfile(SecuredInfrastructure.class)
class SecurityTest {

    String mine;
    String theirs;

    /** A token of one council's (derbyshire's, where these cases are). */
    static String token(String role, String participantId) {
        return token(role, participantId, "derbyshire");
    }

    /** @param authority the JWT authority claim: a council's id, a list of them, "*", or null for no claim */
    static String token(String role, String participantId, Object authority) {
        var builder = Jwt.issuer(SecuredInfrastructure.ISSUER).upn(participantId == null ? "system" : participantId)
                .groups(Set.of(role));
        if (participantId != null) {
            builder.claim("participant_id", participantId);
        }
        if (authority != null) {
            builder.claim("authority", authority);
        }
        return builder.sign();
    }

    static RequestSpecification as(String role, String participantId) {
        return given().auth().oauth2(token(role, participantId));
    }

    @BeforeEach
    void twoCases() {
        mine = CloudEvents.newCaseId("SEC-A");
        theirs = CloudEvents.newCaseId("SEC-B");
        ObjectNode lpA = CloudEvents.person("worker-a", "LEAD_PROFESSIONAL", "EMAIL");
        ObjectNode lpB = CloudEvents.person("worker-b", "LEAD_PROFESSIONAL", "EMAIL");
        String batch = List.of(
                CloudEvents.participant("derbyshire", mine, lpA),
                CloudEvents.event("derbyshire", mine, "cin.planning-meeting.held", "2026-01-12"),
                CloudEvents.participant("derbyshire", theirs, lpB),
                CloudEvents.event("derbyshire", theirs, "cin.planning-meeting.held", "2026-01-12")).toString();
        as("integration", null).contentType("application/cloudevents-batch+json").body(batch)
                .post("/api/events").then().statusCode(202);
    }

    @Test
    void withoutATokenEveryApiCallIs401() {
        given().get("/api/obligations").then().statusCode(401);
        given().get("/api/cases/{id}/obligations", mine).then().statusCode(401);
        given().contentType("application/cloudevents+json").body("{}").post("/api/events").then().statusCode(401);
        given().get("/dashboard").then().statusCode(401);
        given().header("Authorization", "Bearer not.a.jwt").get("/api/obligations").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        String forged = Jwt.issuer("https://evil.example").upn("x").groups(Set.of("manager")).sign();
        given().auth().oauth2(forged).get("/api/obligations").then().statusCode(401);
    }

    @Test
    void onlyTheIntegrationRolePostsEvents() {
        String event = CloudEvents.event("derbyshire", mine, "cin.review.held", "2026-02-20", "outcome", "CONTINUE").toString();
        as("manager", "tm1").contentType("application/cloudevents+json").body(event).post("/api/events")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        as("caseworker", "worker-a").contentType("application/cloudevents+json").body(event).post("/api/events")
                .then().statusCode(403);
        as("integration", null).contentType("application/cloudevents+json").body(event).post("/api/events")
                .then().statusCode(202);
        as("integration", null).get("/api/obligations").then().statusCode(403);
    }

    @Test
    void aCaseworkerSeesTheCasesOfTheObligationsTheyOwn() {
        as("caseworker", "worker-a").get("/api/cases/{id}/obligations", mine).then().statusCode(200);
        as("caseworker", "worker-a").get("/api/cases/{id}/notices", mine).then().statusCode(200);
        as("caseworker", "worker-a").get("/api/cases/{id}/obligations", theirs).then().statusCode(403);
        as("caseworker", "worker-a").get("/api/obligations").then().statusCode(200)
                .body("owner.participantId", everyItem(equalTo("worker-a")));
        as("caseworker", "worker-a").queryParam("owner", "worker-b").get("/api/obligations").then().statusCode(403);
        as("caseworker", "worker-a").get("/dashboard").then().statusCode(403);
    }

    @Test
    void aManagerSeesAll() {
        as("manager", "tm1").get("/api/cases/{id}/obligations", theirs).then().statusCode(200);
        as("manager", "tm1").queryParam("caseId", theirs).get("/api/obligations").then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void theNotifyCallbackAndTheCalendarFeedCheckTheirOwnTokens() {
        given().contentType("application/json").header("Authorization", "Bearer " + NotifyStub.CALLBACK_TOKEN)
                .body("{\"reference\":\"" + java.util.UUID.randomUUID() + "\",\"status\":\"delivered\"}")
                .post("/api/notify/callbacks").then().statusCode(404);
        given().contentType("application/json").body("{\"reference\":\"x\",\"status\":\"delivered\"}")
                .post("/api/notify/callbacks").then().statusCode(401);

        String link = as("caseworker", "worker-a").get("/api/professionals/worker-a/calendar-link")
                .then().statusCode(200).extract().path("url");
        as("caseworker", "worker-a").get("/api/professionals/worker-b/calendar-link").then().statusCode(403);
        given().get(link).then().statusCode(200).contentType(startsWith("text/calendar"));
        given().get("/api/professionals/worker-a/calendar.ics?token=forged").then().statusCode(403);
    }

    @Test
    void theAccessLogRecordsPeopleNotTheIntegrationRoleAndOnlyManagersReadIt() {
        as("integration", null).get("/api/cases/{id}/obligations", mine).then().statusCode(403);
        as("caseworker", "worker-a").get("/api/cases/{id}/obligations", theirs).then().statusCode(403);
        as("caseworker", "worker-a").get("/api/cases/{id}/obligations", mine).then().statusCode(200);
        as("manager", "tm1").get("/api/cases/{id}/notices", mine).then().statusCode(200);

        as("caseworker", "worker-a").get("/api/cases/{id}/access-log", mine).then().statusCode(403);
        as("integration", null).get("/api/cases/{id}/access-log", mine).then().statusCode(403);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<Map<String, String>> reads = as("manager", "tm1").get("/api/cases/{id}/access-log", mine)
                    .then().statusCode(200).extract().jsonPath().getList("$");
            // Only people's reads that were allowed: not the integration role's, not a refused one.
            assertEquals(List.of("tm1 manager GET /api/cases/{caseId}/notices",
                            "worker-a caseworker GET /api/cases/{caseId}/obligations"),
                    reads.stream().filter(r -> !r.get("endpoint").endsWith("/access-log"))
                            .map(r -> r.get("subject") + " " + r.get("role") + " " + r.get("endpoint")).toList());
        });
        // The manager's own listings are reads of the case too.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("manager", "tm1")
                .get("/api/cases/{id}/access-log", mine).then().statusCode(200)
                .body("find { it.endpoint == 'GET /api/cases/{caseId}/access-log' }.subject", equalTo("tm1")));
        as("manager", "tm1").get("/api/cases/{id}/access-log", theirs).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void healthAndMetricsStayOpenForTheCluster() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
