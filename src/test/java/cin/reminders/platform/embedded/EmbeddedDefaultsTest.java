package cin.reminders.platform.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EmbeddedDefaultsTest {

    private static EmbeddedDefaults.Plan plan(Map<String, String> config) {
        return EmbeddedDefaults.plan(name -> Optional.ofNullable(config.get(name)));
    }

    @Test
    void nothingConfiguredStartsBoth() {
        EmbeddedDefaults.Plan plan = plan(Map.of());
        assertTrue(plan.startDatabase());
        assertTrue(plan.startBroker());
        assertEquals(Map.of("reminders.embedded.database", "true", "reminders.embedded.broker", "true"),
                plan.knownProperties());
    }

    @Test
    void disabledStartsNothing() {
        EmbeddedDefaults.Plan plan = plan(Map.of("reminders.embedded.enabled", "false"));
        assertFalse(plan.startsAnything());
        assertEquals(Map.of(), plan.knownProperties());
    }

    @Test
    void reactiveUrlOnlyDerivesTheJdbcUrlAndStartsOnlyTheBroker() {
        EmbeddedDefaults.Plan plan = plan(Map.of("quarkus.datasource.reactive.url", "postgresql://db:5432/x"));
        assertFalse(plan.startDatabase());
        assertTrue(plan.startBroker());
        assertEquals(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/x"), plan.derived());
    }

    @Test
    void jdbcUrlOnlyDerivesTheReactiveUrl() {
        EmbeddedDefaults.Plan plan = plan(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/x",
                "kafka.bootstrap.servers", "k:9092"));
        assertFalse(plan.startsAnything());
        assertEquals(Map.of("quarkus.datasource.reactive.url", "postgresql://db:5432/x"), plan.derived());
    }

    @Test
    void bothUrlsConfiguredDeriveNothing() {
        EmbeddedDefaults.Plan plan = plan(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://a/x",
                "quarkus.datasource.reactive.url", "postgresql://b/y"));
        assertFalse(plan.startDatabase());
        assertEquals(Map.of(), plan.derived());
    }

    @Test
    void blankCountsAsNotConfigured() {
        EmbeddedDefaults.Plan plan = plan(Map.of("quarkus.datasource.reactive.url", " ", "kafka.bootstrap.servers", ""));
        assertTrue(plan.startDatabase());
        assertTrue(plan.startBroker());
    }
}
