package cin.reminders.scenarios;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import cin.reminders.platform.ServiceClock;
import com.fasterxml.jackson.databind.JsonNode;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every acceptance scenario, its events POSTed one by one as structured CloudEvents. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class ScenarioHttpTest {

    @Inject
    ServiceClock clock;

    static Stream<Scenario> scenarios() {
        return Scenario.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void overHttp(Scenario scenario) {
        clock.restartAt(scenario.clockStart());
        for (JsonNode event : ScenarioRunner.rename(scenario, "H-")) {
            given().contentType("application/cloudevents+json").body(event.toString())
                    .post("/api/events")
                    .then().statusCode(202).body("applied", equalTo(1));
        }
        ScenarioRunner.awaitExpected(scenario, "H-" + scenario.caseId());
    }
}
