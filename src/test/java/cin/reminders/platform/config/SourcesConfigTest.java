package cin.reminders.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.event.SourceBindings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code reminders.sources.*} reads from a .properties file, as OPERATIONS.md tells operators to write it:
 * the source quoted, its colons escaped. Without Quarkus, in milliseconds.
 */
class SourcesConfigTest {

    static final Predicate<String> KNOWN = Set.of("durham", "walsall", "hillingdon")::contains;
    static final String REQUIRED = """
            reminders.auth.enabled=false
            reminders.calendar.secret=s
            reminders.demo.enabled=false
            reminders.embedded.enabled=false
            reminders.metrics.refresh=PT30S
            reminders.ingest.consumers=1
            reminders.policies.classpath-dir=policies
            """;

    @TempDir
    Path dir;

    @Test
    void nothingConfiguredIsNoBinding() throws IOException {
        RemindersConfig config = load("");
        assertEquals(Map.of(), config.sources());
        assertFalse(SourceBindings.of(config.sources(), KNOWN).configured());
    }

    @Test
    void quotedSourcesWithEscapedColonsAreRead() throws IOException {
        RemindersConfig config = load("""
                reminders.sources."urn\\:cms\\:durham"=durham
                reminders.sources."https\\://cms.west.example/case-events"=walsall, hillingdon
                """);
        assertEquals(Set.of("urn:cms:durham", "https://cms.west.example/case-events"), config.sources().keySet());
        SourceBindings bindings = SourceBindings.of(config.sources(), KNOWN);
        assertTrue(bindings.allows("urn:cms:durham", "durham"));
        assertTrue(bindings.allows("https://cms.west.example/case-events", "hillingdon"));
        assertFalse(bindings.allows("urn:cms:durham", "walsall"));
    }

    @Test
    void anUnescapedColonInAPropertiesFileIsCaughtAtStartUp() throws IOException {
        // The first ':' ends a .properties key: the key becomes reminders.sources."urn
        RemindersConfig config = load("reminders.sources.\"urn:cms:durham\"=durham\n");
        assertEquals(Set.of("\"urn"), config.sources().keySet());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceBindings.of(config.sources(), KNOWN));
        assertTrue(e.getMessage().contains("\\:"), e.getMessage());
    }

    private RemindersConfig load(String sources) throws IOException {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, REQUIRED + sources);
        // The service's own defaults underneath (every reminders.* setting has one there), the operator's file above.
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        SourcesConfigTest.class.getClassLoader().getResource("application.properties"), 100))
                .withSources(new PropertiesConfigSource(file.toUri().toURL(), 250))
                // Quarkus's own reading of durations ("1s", "24h" as well as ISO-8601), as the service has it.
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(RemindersConfig.class)
                .build();
        return config.getConfigMapping(RemindersConfig.class);
    }
}
