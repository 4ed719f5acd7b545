package cin.reminders.platform.embedded;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Supplies an embedded PostgreSQL and Kafka to an application that has none configured, in dev mode
 * ({@code ./mvnw quarkus:dev}) and in the packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar})
 * alike. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 * <p>
 * "Configured" means that the active profile's configuration, as Quarkus reads it (system properties, environment
 * variables, {@code .env}, {@code application.properties} with profiles, ...), has a non-blank
 * {@code quarkus.datasource.reactive.url} or {@code quarkus.datasource.jdbc.url}, or {@code kafka.bootstrap.servers}.
 * {@code reminders.embedded.enabled=false} turns all of this off.
 * <p>
 * Quarkus also runs this factory while it builds the application (in Maven, and before every dev-mode restart). It
 * then does nothing: {@link ExecutionMode} is {@code UNSET} then, and {@code RUNTIME_INIT} when the application
 * starts. Even at run time, a service is started only when its first property is read.
 */
public class EmbeddedServicesConfigSourceFactory implements ConfigSourceFactory {

    /** Above system properties (400): when embedded, the embedded user and URLs must win. */
    static final int ORDINAL = 450;

    private static final Logger LOG = Logger.getLogger(EmbeddedServicesConfigSourceFactory.class);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        EmbeddedDefaults.Plan plan = EmbeddedDefaults.plan(name -> Optional.ofNullable(context.getValue(name))
                .map(ConfigValue::getValue));
        if (!plan.startsAnything() && plan.derived().isEmpty()) {
            return List.of();
        }
        return List.of(new EmbeddedServicesConfigSource(plan));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    static final class EmbeddedServicesConfigSource implements ConfigSource {
        private static final Set<String> STARTED_NAMES = Set.of(EmbeddedPostgres.REACTIVE_URL,
                EmbeddedPostgres.JDBC_URL, EmbeddedPostgres.USERNAME, EmbeddedPostgres.PASSWORD,
                EmbeddedPostgres.FLYWAY_USERNAME, EmbeddedPostgres.FLYWAY_PASSWORD, EmbeddedKafka.BOOTSTRAP_SERVERS);

        private final EmbeddedDefaults.Plan plan;
        private final Map<String, String> known;
        private final Set<String> names;
        private volatile Map<String, String> started;

        EmbeddedServicesConfigSource(EmbeddedDefaults.Plan plan) {
            this.plan = plan;
            this.known = plan.knownProperties();
            Set<String> all = new HashSet<>(known.keySet());
            if (plan.startDatabase()) {
                all.addAll(Set.of(EmbeddedPostgres.REACTIVE_URL, EmbeddedPostgres.JDBC_URL,
                        EmbeddedPostgres.USERNAME, EmbeddedPostgres.PASSWORD,
                        EmbeddedPostgres.FLYWAY_USERNAME, EmbeddedPostgres.FLYWAY_PASSWORD));
            }
            if (plan.startBroker()) {
                all.add(EmbeddedKafka.BOOTSTRAP_SERVERS);
            }
            this.names = Set.copyOf(all);
        }

        @Override
        public Set<String> getPropertyNames() {
            return names;
        }

        @Override
        public String getValue(String propertyName) {
            if (!names.contains(propertyName)) {
                return null;
            }
            String value = known.get(propertyName);
            if (value != null || !STARTED_NAMES.contains(propertyName)) {
                return value;
            }
            return started().get(propertyName);
        }

        private Map<String, String> started() {
            Map<String, String> result = started;
            if (result == null) {
                synchronized (this) {
                    result = started;
                    if (result == null) {
                        LOG.infof("No %s configured: using the embedded %s", plan.startDatabase()
                                ? plan.startBroker() ? "database or broker" : "database" : "broker",
                                plan.startDatabase() ? plan.startBroker() ? "PostgreSQL and Kafka" : "PostgreSQL"
                                        : "Kafka");
                        result = plan.start();
                        started = result;
                    }
                }
            }
            return result;
        }

        @Override
        public String getName() {
            return "EmbeddedServicesConfigSource";
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }
}
