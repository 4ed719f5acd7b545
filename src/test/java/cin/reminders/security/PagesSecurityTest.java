package cin.reminders.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.SecuredInfrastructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages with sign-in on (bearer JWTs, as automation and these tests use them): {@code /my} is the caller's own
 * work whatever {@code ?participant=} says; a case of another council is 404 as if unknown; a caseworker opens only
 * their own cases and not the managers' lists; no token, no page.
 */
@QuarkusTest
@TestProfile(SecuredInfrastructure.class)
class PagesSecurityTest {

    String mine;
    String colleagues;
    String walsall;
    String me;
    String colleague;

    static RequestSpecification as(String role, String participantId, Object authority) {
        return given().auth().oauth2(SecurityTest.token(role, participantId, authority));
    }

    @BeforeEach
    void casesInTwoCouncils() {
        mine = CloudEvents.newCaseId("PG-MINE");
        colleagues = CloudEvents.newCaseId("PG-THEIRS");
        walsall = CloudEvents.newCaseId("PG-WAL");
        me = "lp-" + mine;
        colleague = "lp-" + colleagues;
        List<ObjectNode> events = List.of(
                CloudEvents.participant("durham", mine, CloudEvents.person(me, "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.event("durham", mine, "cin.planning-meeting.held", "2026-01-12"),
                CloudEvents.participant("durham", colleagues, CloudEvents.person(colleague, "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.event("durham", colleagues, "cin.planning-meeting.held", "2026-01-12"),
                // The same participant id in Walsall is another person.
                CloudEvents.participant("walsall", walsall, CloudEvents.person(me, "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.event("walsall", walsall, "cin.planning-meeting.held", "2026-01-12"));
        as("integration", null, List.of("durham", "walsall")).contentType("application/cloudevents-batch+json")
                .body(events.toString()).post("/api/events").then().statusCode(202);
    }

    @Test
    void aCaseworkerSeesTheirOwnWorkTrayOnly() {
        for (String asked : new String[] {null, colleague}) {
            RequestSpecification r = as("caseworker", me, "durham");
            if (asked != null) {
                r = r.queryParam("participant", asked);
            }
            String html = r.get("/my").then().statusCode(200).extract().asString();
            assertTrue(html.contains(mine), "their own case");
            assertFalse(html.contains(colleagues), "not a colleague's, whatever ?participant= asks");
            assertFalse(html.contains(walsall), "not another council's person with the same id");
            assertTrue(html.contains("calendar.ics?authority=durham&amp;token="), "their own calendar feed");
            assertFalse(html.contains("authority=walsall"), "and no other council's");
        }
    }

    @Test
    void anotherCouncilsCaseIsNotFoundAndAColleaguesIsRefused() {
        as("caseworker", me, "durham").get("/cases/" + mine).then().statusCode(200);
        as("caseworker", me, "durham").get("/cases/" + walsall).then().statusCode(404);
        as("caseworker", me, "durham").get("/cases/" + walsall + "?authority=walsall").then().statusCode(404);
        as("caseworker", me, "durham").get("/cases/" + colleagues).then().statusCode(403);
        as("manager", "tm-1", "durham").get("/cases/" + colleagues).then().statusCode(200);
        as("manager", "tm-1", "durham").get("/cases/" + walsall).then().statusCode(404);

        // The managers' lists: not for a caseworker; another council's rows filtered out for a manager.
        as("caseworker", me, "durham").get("/dashboard/obligations").then().statusCode(403);
        String list = as("manager", "tm-1", "durham").queryParam("authority", "walsall").get("/dashboard/obligations")
                .then().statusCode(200).extract().asString();
        assertFalse(list.contains(walsall), "Walsall's case is not listed for a Durham manager");
        String durham = as("manager", "tm-1", "durham").queryParam("owner", me).get("/dashboard/obligations")
                .then().statusCode(200).extract().asString();
        assertTrue(durham.contains(mine));
        assertFalse(durham.contains(walsall));
    }

    @Test
    void noTokenNoPage() {
        for (String path : List.of("/my", "/cases/" + mine, "/dashboard/obligations", "/dashboard")) {
            given().get(path).then().statusCode(401);
        }
    }
}
