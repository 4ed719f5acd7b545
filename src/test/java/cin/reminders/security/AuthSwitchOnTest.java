package cin.reminders.security;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** {@code reminders.auth.enabled=true} in production: no token, 401; health stays open for the cluster. */
@QuarkusTest
@TestProfile(AuthSwitchOnTest.On.class)
class AuthSwitchOnTest {

    public static class On extends ProductionProfile {
        @Override
        boolean authEnabled() {
            return true;
        }
    }

    @Test
    void withoutATokenTheApiAndTheDashboardAre401() {
        given().get("/api/obligations").then().statusCode(401);
        given().get("/api/cases/{id}/notices", "AUTH-ON-1").then().statusCode(401);
        given().contentType("application/cloudevents+json").body("{}").post("/api/events").then().statusCode(401);
        given().get("/dashboard").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
