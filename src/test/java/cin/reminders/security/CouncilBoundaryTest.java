package cin.reminders.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.SecuredInfrastructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Councils sharing one deployment (CONTRACT-2 §6), endpoint by endpoint, role by role, for a token of the case's own
 * council, of another council, of both, of every council ({@code "*"}) and with no authority claim.
 * <p>
 * Durham and Walsall both have a case {@code shared} with the same participant ids (their systems number
 * independently); Walsall alone has {@code walsallOnly}. Every answer is checked for rows of the other council: in
 * bodies, in {@code X-Total-Count}, in calendars and in the dashboard page.
 */
@QuarkusTest
@TestProfile(SecuredInfrastructure.class)
class CouncilBoundaryTest {

    static final String DURHAM = "durham";
    static final String WALSALL = "walsall";
    static final List<String> BOTH = List.of(DURHAM, WALSALL);

    String shared;
    String walsallOnly;
    /** The same lead professional id in both councils: two different people. */
    String lead;

    static RequestSpecification as(String role, String participantId, Object authority) {
        return given().auth().oauth2(SecurityTest.token(role, participantId, authority));
    }

    @BeforeEach
    void twoCouncilsOneCaseId() {
        shared = CloudEvents.newCaseId("SHARED");
        walsallOnly = CloudEvents.newCaseId("WAL");
        lead = "lp-" + shared;
        List<ObjectNode> events = List.of(
                CloudEvents.participant(DURHAM, shared, CloudEvents.person(lead, "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.participant(DURHAM, shared, CloudEvents.person("mum", "PARENT", "EMAIL")),
                CloudEvents.event(DURHAM, shared, "cin.planning-meeting.held", "2026-01-12"),
                CloudEvents.participant(WALSALL, shared, CloudEvents.person(lead, "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.participant(WALSALL, shared, CloudEvents.person("mum", "PARENT", "SMS")),
                CloudEvents.event(WALSALL, shared, "cin.planning-meeting.held", "2026-01-19"),
                CloudEvents.participant(WALSALL, walsallOnly, CloudEvents.person("lp-w", "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.event(WALSALL, walsallOnly, "cin.planning-meeting.held", "2026-01-12"));
        as("integration", null, BOTH).contentType("application/cloudevents-batch+json").body(events.toString())
                .post("/api/events").then().statusCode(202);
    }

    // ---- Writes: POST /api/events and the preview ---------------------------------------------------------

    @Test
    void eventsOnlyForTheTokensCouncils() {
        String durhamEvent = CloudEvents.event(DURHAM, shared, "cin.review.held", "2026-02-20", "outcome", "CONTINUE").toString();
        String walsallCase = CloudEvents.newCaseId("WAL-NEW");
        String walsallEvent = CloudEvents.event(WALSALL, walsallCase, "cin.planning-meeting.held", "2026-01-12").toString();

        as("integration", null, DURHAM).contentType("application/cloudevents+json").body(walsallEvent)
                .post("/api/events").then().statusCode(403).contentType(startsWith("application/problem+json"));
        as("integration", null, null).contentType("application/cloudevents+json").body(durhamEvent)
                .post("/api/events").then().statusCode(403);
        // A batch with one event of another council is refused whole: nothing of it is applied.
        String mixed = List.of(CloudEvents.event(DURHAM, CloudEvents.newCaseId("DUR-NEW"), "cin.planning-meeting.held",
                "2026-01-12"), CloudEvents.event(WALSALL, walsallCase, "cin.planning-meeting.held", "2026-01-12")).toString();
        as("integration", null, DURHAM).contentType("application/cloudevents-batch+json").body(mixed)
                .post("/api/events").then().statusCode(403);
        as("manager", "tm", "*").get("/api/cases/{id}/obligations", walsallCase).then().statusCode(404);

        as("integration", null, DURHAM).contentType("application/cloudevents+json").body(durhamEvent)
                .post("/api/events").then().statusCode(202);
        as("integration", null, "*").contentType("application/cloudevents+json").body(walsallEvent)
                .post("/api/events").then().statusCode(202);
        as("manager", "tm", WALSALL).get("/api/cases/{id}/obligations", walsallCase).then().statusCode(200)
                .body("authority", everyItem(equalTo(WALSALL)));
        // Roles still hold within a council.
        as("manager", "tm", DURHAM).contentType("application/cloudevents+json").body(durhamEvent)
                .post("/api/events").then().statusCode(403);
    }

    @Test
    void anEventIdIsOneEventWhateverCouncilItNames() {
        // (source, id) stays global (CONTRACT-2 §6): the same id again is a duplicate, in its council or another's.
        ObjectNode review = CloudEvents.event(DURHAM, shared, "cin.review.held", "2026-02-20", "outcome", "CONTINUE");
        as("integration", null, BOTH).contentType("application/cloudevents+json").body(review.toString())
                .post("/api/events").then().statusCode(202).body("applied", equalTo(1));
        ObjectNode again = review.deepCopy();
        again.put("authority", WALSALL);
        as("integration", null, BOTH).contentType("application/cloudevents+json").body(again.toString())
                .post("/api/events").then().statusCode(202).body("applied", equalTo(0)).body("duplicates", equalTo(1));
        as("manager", "tm", WALSALL).get("/api/cases/{id}/obligations", shared).then().statusCode(200)
                .body("triggeredBy", not(org.hamcrest.Matchers.hasItem(review.get("id").asText())));
    }

    @Test
    void aPreviewOnlyForTheTokensCouncils() {
        String walsallEvent = CloudEvents.event(WALSALL, shared, "cin.review.held", "2026-02-20", "outcome", "CONTINUE").toString();
        as("manager", "tm", DURHAM).contentType("application/cloudevents+json").body(walsallEvent)
                .post("/api/preview").then().statusCode(403);
        as("manager", "tm", WALSALL).contentType("application/cloudevents+json").body(walsallEvent)
                .post("/api/preview").then().statusCode(200)
                .body("obligations.authority", everyItem(equalTo(WALSALL)));
    }

    // ---- A case: GET /api/cases/{caseId}/obligations and /notices ----------------------------------------

    @Test
    void aCaseOfTheTokensCouncilIsThatCouncilsOnly() {
        for (String path : List.of("/api/cases/{id}/obligations", "/api/cases/{id}/notices")) {
            for (String council : BOTH) {
                as("manager", "tm", council).get(path, shared).then().statusCode(200)
                        .body("authority", everyItem(equalTo(council)))
                        .body("$", not(empty()));
                as("caseworker", lead, council).get(path, shared).then().statusCode(200)
                        .body("authority", everyItem(equalTo(council)));
            }
        }
        // The same lead professional id in the two councils sees two different timetables.
        Set<String> durhamIds = ids(as("manager", "tm", DURHAM).get("/api/cases/{id}/obligations", shared));
        Set<String> walsallIds = ids(as("manager", "tm", WALSALL).get("/api/cases/{id}/obligations", shared));
        assertFalse(durhamIds.isEmpty());
        assertTrue(java.util.Collections.disjoint(durhamIds, walsallIds), "the two councils' cases share no obligation");
    }

    @Test
    void aCaseOutsideTheTokensCouncilsIsNotFound() {
        for (String path : List.of("/api/cases/{id}/obligations", "/api/cases/{id}/notices")) {
            as("manager", "tm", DURHAM).get(path, walsallOnly).then().statusCode(404)
                    .contentType(startsWith("application/problem+json"));
            as("caseworker", "lp-w", DURHAM).get(path, walsallOnly).then().statusCode(404);
            as("manager", "tm", DURHAM).queryParam("authority", WALSALL).get(path, shared).then().statusCode(404);
            as("manager", "tm", null).get(path, shared).then().statusCode(404);
            as("manager", "tm", List.of()).get(path, shared).then().statusCode(404);
            // Not found reads the same as a case that exists nowhere.
            as("manager", "tm", DURHAM).get(path, "NO-SUCH-" + shared).then().statusCode(404);
            // The integration role reads no case, whatever its councils.
            as("integration", null, "*").get(path, shared).then().statusCode(403);
        }
    }

    @Test
    void anIdUsedByMoreThanOneOfTheTokensCouncilsIsAConflictUntilOneIsNamed() {
        for (String path : List.of("/api/cases/{id}/obligations", "/api/cases/{id}/notices")) {
            for (Object councils : List.<Object>of("*", BOTH)) {
                as("manager", "tm", councils).get(path, shared).then().statusCode(409)
                        .contentType(startsWith("application/problem+json"))
                        .body("field", equalTo("authority"))
                        .body("authorities", containsInAnyOrder(DURHAM, WALSALL));
                as("manager", "tm", councils).queryParam("authority", WALSALL).get(path, shared).then().statusCode(200)
                        .body("authority", everyItem(equalTo(WALSALL)));
                // An id only one of them uses needs no parameter.
                as("manager", "tm", councils).get(path, walsallOnly).then().statusCode(200);
            }
        }
    }

    @Test
    void theAccessLogFollowsTheSameRules() {
        String log = "/api/cases/{id}/access-log";
        as("manager", "tm", WALSALL).get("/api/cases/{id}/obligations", shared).then().statusCode(200);
        as("manager", "tm", WALSALL).get(log, shared).then().statusCode(200);
        as("manager", "tm", DURHAM).get(log, walsallOnly).then().statusCode(404);
        as("manager", "tm", DURHAM).queryParam("authority", WALSALL).get(log, shared).then().statusCode(404);
        as("manager", "tm", "*").get(log, shared).then().statusCode(409).body("authorities", containsInAnyOrder(DURHAM, WALSALL));
        as("manager", "tm-both", BOTH).queryParam("authority", DURHAM).get(log, shared).then().statusCode(200);
        as("caseworker", lead, DURHAM).get(log, shared).then().statusCode(403);
        as("integration", null, "*").get(log, shared).then().statusCode(403);
        // Walsall's manager read Walsall's case: Durham's case of the same id shows no Walsall read.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                as("manager", "tm", WALSALL).get(log, shared).then().statusCode(200)
                        .body("endpoint", org.hamcrest.Matchers.hasItem("GET /api/cases/{caseId}/obligations")));
        as("manager", "tm-d", DURHAM).get(log, shared).then().statusCode(200)
                .body("subject", not(org.hamcrest.Matchers.hasItem("tm")));
    }

    // ---- Lists: GET /api/obligations --------------------------------------------------------------------

    @Test
    void listsFilterOtherCouncilsOutOfRowsAndTotals() {
        Response durham = as("manager", "tm", DURHAM).queryParam("caseId", shared).get("/api/obligations");
        durham.then().statusCode(200).body("authority", everyItem(equalTo(DURHAM))).body("$", not(empty()));
        assertEquals(durham.jsonPath().getList("$").size(), Integer.parseInt(durham.header("X-Total-Count")));

        as("manager", "tm", DURHAM).queryParam("caseId", walsallOnly).get("/api/obligations").then().statusCode(200)
                .body("$", empty()).header("X-Total-Count", "0");
        as("manager", "tm", DURHAM).queryParam("authority", WALSALL).get("/api/obligations").then().statusCode(200)
                .body("$", empty()).header("X-Total-Count", "0");
        // Across all cases of the deployment: only Durham's rows, and a total that counts only them.
        Response all = as("manager", "tm", DURHAM).queryParam("size", "500").get("/api/obligations");
        all.then().statusCode(200).body("authority", everyItem(equalTo(DURHAM)));
        as("manager", "tm", null).get("/api/obligations").then().statusCode(200).body("$", empty())
                .header("X-Total-Count", "0");

        as("caseworker", lead, WALSALL).get("/api/obligations").then().statusCode(200)
                .body("authority", everyItem(equalTo(WALSALL)))
                .body("owner.participantId", everyItem(equalTo(lead)));

        Response both = as("manager", "tm", "*").queryParam("caseId", shared).get("/api/obligations");
        both.then().statusCode(200);
        assertEquals(Set.copyOf(BOTH), new HashSet<>(both.jsonPath().getList("authority", String.class)));
    }

    // ---- The dashboard ------------------------------------------------------------------------------------

    @Test
    void theDashboardShowsOnlyTheTokensCouncils() {
        String durham = as("manager", "tm", DURHAM).get("/dashboard").then().statusCode(200).extract().asString();
        assertTrue(durham.contains("Durham County Council"));
        assertFalse(durham.contains("Walsall"), "a Durham manager's dashboard names no other council");
        assertFalse(durham.contains("Derbyshire"));
        // Asking for another council's figures shows none of them.
        String asked = as("manager", "tm", DURHAM).queryParam("authority", WALSALL).get("/dashboard")
                .then().statusCode(200).extract().asString();
        assertFalse(asked.contains("Walsall Council"));
        String every = as("manager", "tm", "*").get("/dashboard").then().statusCode(200).extract().asString();
        assertTrue(every.contains("Walsall Council") && every.contains("Durham County Council"));
        as("caseworker", lead, DURHAM).get("/dashboard").then().statusCode(403);
    }

    // ---- The calendar feed and its signed link -----------------------------------------------------------

    @Test
    void aCalendarLinkIsForOneCouncilAndCannotBeTurnedToAnother() {
        String durhamLink = as("caseworker", lead, DURHAM).get("/api/professionals/{id}/calendar-link", lead)
                .then().statusCode(200).extract().path("url");
        assertTrue(durhamLink.contains("authority=durham"), durhamLink);
        String feed = unfolded(given().get(durhamLink).then().statusCode(200).contentType(startsWith("text/calendar"))
                .extract().asString());
        assertTrue(feed.contains("Durham County Council"), feed);
        assertFalse(feed.contains("Walsall"), "a Durham feed lists no Walsall deadline of the same id");
        // The link signs its council: the same token for another council is refused.
        given().get(durhamLink.replace("authority=durham", "authority=walsall")).then().statusCode(403);

        as("manager", "tm", "*").get("/api/professionals/{id}/calendar-link", lead).then().statusCode(409)
                .body("authorities", containsInAnyOrder(DURHAM, WALSALL));
        String walsallLink = as("manager", "tm", "*").queryParam("authority", WALSALL)
                .get("/api/professionals/{id}/calendar-link", lead).then().statusCode(200).extract().path("url");
        String walsallFeed = unfolded(given().get(walsallLink).then().statusCode(200).extract().asString());
        assertTrue(walsallFeed.contains("Walsall Council") && !walsallFeed.contains("Durham"), walsallFeed);

        as("manager", "tm", DURHAM).get("/api/professionals/{id}/calendar-link", "lp-w").then().statusCode(404);
        as("caseworker", lead, DURHAM).queryParam("authority", WALSALL)
                .get("/api/professionals/{id}/calendar-link", lead).then().statusCode(404);
    }

    @Test
    void aTokenWithNoAuthorityClaimActsForNoCouncil() {
        as("manager", "tm", null).get("/api/cases/{id}/obligations", walsallOnly).then().statusCode(404);
        as("manager", "tm", null).get("/api/professionals/{id}/calendar-link", lead).then().statusCode(404);
        String page = as("manager", "tm", null).get("/dashboard").then().statusCode(200).extract().asString();
        assertFalse(page.contains("Walsall Council") || page.contains("Durham County Council"));
    }

    /** RFC 5545 folds long lines (a line break and a space): undone, so a council's name reads whole. */
    private static String unfolded(String calendar) {
        return calendar.replaceAll("\r?\n[ \t]", "");
    }

    private static Set<String> ids(Response r) {
        r.then().statusCode(200);
        return new HashSet<>(r.jsonPath().getList("id", String.class));
    }
}
