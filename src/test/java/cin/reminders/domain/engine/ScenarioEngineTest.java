package cin.reminders.domain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.CaseReplay;
import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.scenarios.Scenario;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The acceptance scenarios through the pure engine, without Quarkus: milliseconds, not seconds. */
class ScenarioEngineTest {

    static Stream<Scenario> scenarios() {
        return Scenario.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void engineProducesTheExpectedObligations(Scenario scenario) {
        CloudEventReader reader = new CloudEventReader(TestPolicies.registry()::knows);
        CaseReplay replay = new CaseReplay(TestPolicies.get(scenario.authority()), scenario.caseId());
        scenario.events().forEach(e -> replay.apply(reader.read(e)));

        List<Scenario.Row> actual = replay.obligations().stream()
                .filter(o -> o.status() != ObligationStatus.CANCELLED)
                .map(o -> new Scenario.Row(o.kind().name(), o.dueDate() == null ? null : o.dueDate().toString(),
                        o.status().asSeenOn(o.dueDate(), scenario.today()).name()))
                .toList();
        assertTrue(Scenario.sameRows(scenario.expected(), actual),
                () -> "expected " + scenario.expected() + "\n but got " + actual);
        for (String kind : scenario.cancelledKinds()) {
            assertTrue(replay.obligations().stream().anyMatch(o -> o.kind().name().equals(kind)
                    && o.status() == ObligationStatus.CANCELLED), "expected a cancelled " + kind);
        }
        assertEquals(scenario.caseId(), replay.state().caseId());
    }
}
