package cin.reminders.scenarios;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.JsonNode;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every acceptance scenario produced to a real Kafka broker (keyed by case id, alternating the
 * structured and binary bindings), then read back over HTTP.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class ScenarioKafkaTest {

    @Inject
    ServiceClock clock;

    static Stream<Scenario> scenarios() {
        return Scenario.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void overKafka(Scenario scenario) {
        clock.restartAt(scenario.clockStart());
        List<JsonNode> events = ScenarioRunner.rename(scenario, "K-");
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = events.get(i);
                TestKafka.send(producer, i % 2 == 0 ? TestKafka.structured(e) : TestKafka.binary(e));
            }
        }
        ScenarioRunner.awaitExpected(scenario, "K-" + scenario.caseId());
    }
}
