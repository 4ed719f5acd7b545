package cin.reminders.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code reminders.auth.enabled=false} in production does what it says: the API answers without a token (it used to
 * stay 401, the permission policy being a second switch), and start-up warns that it is open.
 */
@QuarkusTest
@TestProfile(AuthSwitchOffTest.Off.class)
class AuthSwitchOffTest {

    public static class Off extends ProductionProfile {
        @Override
        boolean authEnabled() {
            return false;
        }
    }

    @Test
    void withoutATokenTheApiAndTheDashboardAnswer() {
        given().get("/api/obligations").then().statusCode(200);
        // The resource itself answers: the case is unknown.
        given().get("/api/cases/{id}/notices", "AUTH-OFF-1").then().statusCode(404);
        given().get("/dashboard").then().statusCode(200);
    }

    @Test
    void startUpWarnsThatTheApiIsOpen() throws IOException {
        String log = Files.readString(ProductionProfile.LOG);
        assertTrue(log.lines().anyMatch(line -> line.contains("WARN") && line.contains("reminders.auth.enabled=false")),
                "no start-up warning in " + ProductionProfile.LOG);
    }
}
