package cin.reminders.platform.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which embedded services to start: the database unless a datasource URL is configured, the broker unless
 * {@code kafka.bootstrap.servers} is configured, neither if {@code reminders.embedded.enabled=false}.
 * <p>
 * If only one of the JDBC and reactive URLs is configured, the other is derived from it ({@code jdbc:} removed or
 * added), because Flyway uses the JDBC one and the application the reactive one.
 */
public final class EmbeddedDefaults {

    public static final String ENABLED = "reminders.embedded.enabled";
    public static final String EMBEDDED_DATABASE = "reminders.embedded.database";
    public static final String EMBEDDED_BROKER = "reminders.embedded.broker";

    private static final String JDBC_PREFIX = "jdbc:";

    /**
     * What to do.
     *
     * @param startDatabase start the embedded PostgreSQL and use it
     * @param startBroker start the embedded Kafka and use it
     * @param derived properties to add whatever is started (a derived JDBC or reactive URL)
     */
    public record Plan(boolean startDatabase, boolean startBroker, Map<String, String> derived) {

        public boolean startsAnything() {
            return startDatabase || startBroker;
        }

        /** The properties that embedded services provide once {@link #start()} has run; without starting them. */
        public Map<String, String> knownProperties() {
            Map<String, String> properties = new LinkedHashMap<>(derived);
            if (startDatabase) {
                properties.put(EMBEDDED_DATABASE, "true");
            }
            if (startBroker) {
                properties.put(EMBEDDED_BROKER, "true");
            }
            return properties;
        }

        /** Starts what the plan says (each at most once per JVM) and returns all the properties to set. */
        public Map<String, String> start() {
            Map<String, String> properties = knownProperties();
            if (startDatabase) {
                properties.putAll(EmbeddedPostgres.start().quarkusConfig());
            }
            if (startBroker) {
                properties.put(EmbeddedKafka.BOOTSTRAP_SERVERS, EmbeddedKafka.start());
            }
            return properties;
        }
    }

    private EmbeddedDefaults() {
    }

    /**
     * @param config the configured value of a property, empty if it has none (blank counts as none)
     */
    public static Plan plan(Function<String, Optional<String>> config) {
        Function<String, Optional<String>> lookup = name -> config.apply(name).map(String::trim)
                .filter(value -> !value.isEmpty());
        boolean enabled = !lookup.apply(ENABLED).map("false"::equalsIgnoreCase).orElse(false);
        Optional<String> jdbcUrl = lookup.apply(EmbeddedPostgres.JDBC_URL);
        Optional<String> reactiveUrl = lookup.apply(EmbeddedPostgres.REACTIVE_URL);
        Map<String, String> derived = new LinkedHashMap<>();
        if (jdbcUrl.isPresent() && reactiveUrl.isEmpty()) {
            derived.put(EmbeddedPostgres.REACTIVE_URL, reactiveFromJdbc(jdbcUrl.get()));
        } else if (reactiveUrl.isPresent() && jdbcUrl.isEmpty()) {
            derived.put(EmbeddedPostgres.JDBC_URL, jdbcFromReactive(reactiveUrl.get()));
        }
        boolean databaseConfigured = jdbcUrl.isPresent() || reactiveUrl.isPresent();
        boolean brokerConfigured = lookup.apply(EmbeddedKafka.BOOTSTRAP_SERVERS).isPresent();
        return new Plan(enabled && !databaseConfigured, enabled && !brokerConfigured, derived);
    }

    static String reactiveFromJdbc(String jdbcUrl) {
        return jdbcUrl.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())
                ? jdbcUrl.substring(JDBC_PREFIX.length())
                : jdbcUrl;
    }

    static String jdbcFromReactive(String reactiveUrl) {
        return reactiveUrl.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())
                ? reactiveUrl
                : JDBC_PREFIX + reactiveUrl;
    }
}
