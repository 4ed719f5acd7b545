package cin.reminders.scenarios;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Councils number their cases independently (CONTRACT-2 §6): every acceptance scenario of a different council runs
 * under ONE case id, over HTTP and over Kafka, and each council's case ends with exactly its own scenario's
 * obligations, and notices of its own council and obligations only.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class SharedCaseIdScenarioTest {

    @Inject
    ServiceClock clock;

    /** One scenario per council (Portsmouth has two: its first). */
    static List<Scenario> onePerCouncil() {
        Map<String, Scenario> byCouncil = new LinkedHashMap<>();
        Scenario.all().forEach(s -> byCouncil.putIfAbsent(s.authority(), s));
        return List.copyOf(byCouncil.values());
    }

    @Test
    void fiveCouncilsOneCaseIdOverHttp() {
        String caseId = "SHARED-H-" + UUID.randomUUID().toString().substring(0, 8);
        List<Scenario> scenarios = onePerCouncil();
        for (Scenario s : scenarios) {
            clock.restartAt(s.clockStart());
            for (JsonNode event : ScenarioRunner.underCaseId(s, caseId, "SH-" + s.authority() + "-")) {
                given().contentType("application/cloudevents+json").body(event.toString()).post("/api/events")
                        .then().statusCode(202).body("applied", equalTo(1));
            }
        }
        eachCouncilHasItsOwn(scenarios, caseId);
    }

    @Test
    void fiveCouncilsOneCaseIdOverKafka() {
        String caseId = "SHARED-K-" + UUID.randomUUID().toString().substring(0, 8);
        List<Scenario> scenarios = onePerCouncil();
        for (Scenario s : scenarios) {
            clock.restartAt(s.clockStart());
            List<JsonNode> events = ScenarioRunner.underCaseId(s, caseId, "SK-" + s.authority() + "-");
            try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
                for (int i = 0; i < events.size(); i++) {
                    TestKafka.send(producer, i % 2 == 0 ? TestKafka.structured(events.get(i)) : TestKafka.binary(events.get(i)));
                }
            }
            // Each scenario's events are applied under its own clock before the next council's start.
            ScenarioRunner.awaitExpected(s, caseId, s.authority());
        }
        eachCouncilHasItsOwn(scenarios, caseId);
    }

    private void eachCouncilHasItsOwn(List<Scenario> scenarios, String caseId) {
        assertTrue(scenarios.size() >= 5, "a scenario for each council: " + scenarios);
        Map<String, Set<String>> obligationsByCouncil = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            clock.restartAt(s.clockStart()); // obligations are OPEN or OVERDUE as seen on the scenario's day
            ScenarioRunner.awaitExpected(s, caseId, s.authority());
            Response obligations = given().queryParam("authority", s.authority()).get("/api/cases/{id}/obligations", caseId);
            obligations.then().statusCode(200).body("authority", everyItem(equalTo(s.authority())));
            obligationsByCouncil.put(s.authority(), new HashSet<>(obligations.jsonPath().getList("id", String.class)));
        }
        for (Scenario s : scenarios) {
            Set<String> own = obligationsByCouncil.get(s.authority());
            Response notices = given().queryParam("authority", s.authority()).get("/api/cases/{id}/notices", caseId);
            notices.then().statusCode(200).body("authority", everyItem(equalTo(s.authority())));
            List<String> about = notices.jsonPath().getList("obligationId", String.class);
            about.stream().filter(id -> id != null).forEach(id -> assertTrue(own.contains(id),
                    s.authority() + "'s notice is about another council's obligation " + id));
            for (Scenario other : scenarios) {
                if (other != s) {
                    assertTrue(Collections.disjoint(own, obligationsByCouncil.get(other.authority())),
                            s.authority() + " and " + other.authority() + " share an obligation");
                }
            }
        }
        // Without naming a council the id is ambiguous: a conflict naming every council that uses it.
        given().get("/api/cases/{id}/obligations", caseId).then().statusCode(409);
        assertFalse(obligationsByCouncil.values().stream().anyMatch(Set::isEmpty), "every council has obligations");
    }
}
