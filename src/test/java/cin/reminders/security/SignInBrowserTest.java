package cin.reminders.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.testing.BrowserScript;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.KeycloakResource;
import cin.reminders.testing.RealInfrastructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing in to the pages with the council's identity provider (a real Keycloak, {@link KeycloakResource}) in headless
 * Chromium (src/test/browser/signin.mjs), and the bearer JWTs of the same IdP on the API and the pages.
 */
@QuarkusTest
@TestProfile(SignInBrowserTest.SignIn.class)
@ExtendWith(KeycloakResource.Required.class)
class SignInBrowserTest {

    /** The real infrastructure with auth on, and Keycloak as the identity provider for bearer tokens and sign-in. */
    public static class SignIn extends RealInfrastructure {
        @Override
        public List<TestResourceEntry> testResources() {
            List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
            resources.add(new TestResourceEntry(KeycloakResource.class));
            return resources;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reminders.auth.enabled", "true", "reminders.calendar.secret", "test-calendar-secret");
        }
    }

    /** The realm's caseworker (src/test/resources/keycloak/cin-realm.json): participant_id lp-durham-1, durham. */
    static final String CASEWORKER_ID = "lp-durham-1";

    @TestHTTPResource("/")
    URL base;

    String durhamMine;
    String durhamTheirs;
    String derbyshire;

    @BeforeEach
    void cases() {
        durhamMine = CloudEvents.newCaseId("SIGNIN-MINE");
        durhamTheirs = CloudEvents.newCaseId("SIGNIN-THEIRS");
        derbyshire = CloudEvents.newCaseId("SIGNIN-DERBY");
        ObjectNode me = CloudEvents.person(CASEWORKER_ID, "LEAD_PROFESSIONAL", "EMAIL");
        ObjectNode colleague = CloudEvents.person("lp-durham-2", "LEAD_PROFESSIONAL", "EMAIL");
        ObjectNode derbyLp = CloudEvents.person("lp-derbyshire-1", "LEAD_PROFESSIONAL", "EMAIL");
        String batch = List.of(
                CloudEvents.participant("durham", durhamMine, me),
                CloudEvents.event("durham", durhamMine, "cin.planning-meeting.held", "2026-01-12"),
                CloudEvents.participant("durham", durhamTheirs, colleague),
                CloudEvents.event("durham", durhamTheirs, "cin.planning-meeting.held", "2026-01-12"),
                CloudEvents.participant("derbyshire", derbyshire, derbyLp),
                CloudEvents.event("derbyshire", derbyshire, "cin.planning-meeting.held", "2026-01-12")).toString();
        given().auth().oauth2(KeycloakResource.accessToken("cms-integration"))
                .contentType("application/cloudevents-batch+json").body(batch).post("/api/events").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .auth().oauth2(KeycloakResource.accessToken("durham-manager")).queryParam("caseId", durhamMine)
                .get("/api/obligations").then().statusCode(200).body("owner.participantId", hasItem(CASEWORKER_ID)));
    }

    @Test
    void theApiTakesTheIdentityProvidersBearerTokensAndNeverRedirects() {
        given().redirects().follow(false).get("/api/obligations").then().statusCode(401).header("Location", nullValue());
        given().redirects().follow(false).header("Accept", "text/html").get("/api/obligations").then().statusCode(401)
                .header("Location", nullValue());

        String caseworker = KeycloakResource.accessToken("durham-caseworker");
        given().auth().oauth2(caseworker).get("/api/obligations").then().statusCode(200)
                .body("owner.participantId", everyItem(equalTo(CASEWORKER_ID)))
                .body("caseId", hasItem(durhamMine)).body("caseId", not(hasItem(durhamTheirs)));
        given().auth().oauth2(caseworker).get("/api/cases/{id}/obligations", durhamTheirs).then().statusCode(403);
        // The derbyshire manager's token acts for derbyshire only: durham's case is not confirmed to exist.
        given().auth().oauth2(KeycloakResource.accessToken("derbyshire-manager"))
                .get("/api/cases/{id}/obligations", durhamMine).then().statusCode(404);
        given().auth().oauth2(KeycloakResource.accessToken("operations"))
                .get("/api/cases/{id}/obligations", derbyshire).then().statusCode(200);
    }

    @Test
    void thePagesTakeABearerTokenTooAndOtherwiseSendPeopleToSignIn() {
        given().auth().oauth2(KeycloakResource.accessToken("durham-manager")).redirects().follow(false).get("/dashboard")
                .then().statusCode(200).contentType(startsWith("text/html"));
        given().auth().oauth2(KeycloakResource.accessToken("durham-caseworker")).get("/dashboard").then().statusCode(403);
        given().auth().oauth2("not.a.jwt").redirects().follow(false).get("/dashboard").then().statusCode(401);
        for (String page : List.of("/dashboard", "/dashboard/obligations", "/my", "/cases/" + durhamMine)) {
            given().redirects().follow(false).get(page).then().statusCode(302)
                    .header("Location", startsWith(KeycloakResource.realmUrl() + "/protocol/openid-connect/auth"));
        }
        // Health and metrics stay open to the cluster.
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void peopleSignInSeeWhatIsTheirsAndSignOut() throws IOException {
        // GET /my is the professional's own page (CONTRACT-2 §8); where it exists, the browser checks it too.
        boolean myExists = given().auth().oauth2(KeycloakResource.accessToken("durham-caseworker")).get("/my")
                .statusCode() != 404;
        JsonObject in = new JsonObject().put("base", base.toString().replaceAll("/$", ""))
                .put("checkMy", myExists).put("myCase", durhamMine).put("otherCase", durhamTheirs)
                .put("users", new JsonArray(List.of(user("durham-manager"), user("derbyshire-manager"),
                        user("durham-caseworker"))));
        JsonArray results = BrowserScript.run("signin.mjs", in).getJsonArray("results");
        // What the browser saw, kept for whoever reads a failure (no children's data: test ids and statuses only).
        Files.writeString(Path.of("target", "browser-signin-results.json"), results.encodePrettily());

        JsonObject durham = results.getJsonObject(0);
        assertEquals("/dashboard", durham.getString("landedOn"), durham.encodePrettily());
        assertEquals(200, durham.getInteger("dashboardStatus"));
        assertEquals(List.of("durham"), durham.getJsonArray("councils").getList(), "the durham manager sees durham's figures only");
        assertEquals(1, durham.getInteger("signOutButton"), "the header's Sign out");
        assertEquals(List.of(), durham.getJsonArray("accessibility").getList(), "axe on the signed-in dashboard");
        assertEquals(List.of(), durham.getJsonArray("signedOutAccessibility").getList(), "axe on the signed-out page");
        assertCookies(durham.getJsonArray("cookies"));
        assertEquals(403, durham.getJsonObject("csrf").getInteger("withoutToken"), "a sign-out POST without the CSRF token");
        assertEquals(403, durham.getJsonObject("csrf").getInteger("wrongToken"), "a sign-out POST with a made-up CSRF token");
        assertTrue(durham.getBoolean("stillSignedIn"), "a refused sign-out leaves the session alone");
        assertEquals("You have signed out", durham.getString("signedOutPage"));
        assertTrue(durham.getJsonArray("cookiesAfterSignOut").stream()
                .noneMatch(c -> ((JsonObject) c).getString("name").startsWith("q_session")), "the session cookie is gone");
        assertEquals("identity provider", durham.getString("afterSignOut"), "after signing out, /dashboard asks for sign-in again");

        JsonObject derby = results.getJsonObject(1);
        assertEquals(List.of("derbyshire"), derby.getJsonArray("councils").getList(), derby.encodePrettily());
        assertEquals("identity provider", derby.getString("afterSignOut"));

        JsonObject caseworker = results.getJsonObject(2);
        assertEquals(403, caseworker.getInteger("dashboardStatus"), "the dashboard is for managers: " + caseworker.encodePrettily());
        if (myExists) {
            JsonObject my = caseworker.getJsonObject("my");
            assertEquals(200, my.getInteger("status"), "/my for the signed-in caseworker");
            assertTrue(my.getBoolean("showsMine"), "/my shows the caseworker's own case");
            assertTrue(!my.getBoolean("showsOther"), "/my does not show a colleague's case");
        }
    }

    static JsonObject user(String username) {
        return new JsonObject().put("username", username).put("password", KeycloakResource.password(username));
    }

    /** The session cookie: HttpOnly, Secure, SameSite=Lax, and short-lived (the realm's 5-minute ID token + 15 min). */
    static void assertCookies(JsonArray cookies) {
        List<JsonObject> session = cookies.stream().map(c -> (JsonObject) c)
                .filter(c -> c.getString("name").startsWith("q_session")).toList();
        assertTrue(!session.isEmpty(), "a session cookie: " + cookies.encodePrettily());
        for (JsonObject c : session) {
            assertTrue(c.getBoolean("httpOnly"), c.encode());
            assertTrue(c.getBoolean("secure"), c.encode());
            assertEquals("Lax", c.getString("sameSite"), c.encode());
            int left = c.getInteger("secondsLeft");
            assertTrue(left > 0 && left <= 20 * 60, "the session ends within the ID token's 5 minutes + 15: " + c.encode());
        }
        // __Host-: Secure, path /, no domain, so no sibling subdomain can plant one.
        JsonObject csrf = cookies.stream().map(c -> (JsonObject) c).filter(c -> c.getString("name").equals("__Host-csrf-token"))
                .findFirst().orElseThrow(() -> new AssertionError("no CSRF cookie: " + cookies.encodePrettily()));
        assertTrue(csrf.getBoolean("httpOnly") && csrf.getBoolean("secure"), csrf.encode());
        assertEquals("Strict", csrf.getString("sameSite"), csrf.encode());
    }
}
