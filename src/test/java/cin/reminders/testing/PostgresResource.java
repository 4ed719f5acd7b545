package cin.reminders.testing;

import cin.reminders.platform.embedded.ServiceRole;
import java.util.Map;

import org.testcontainers.postgresql.PostgreSQLContainer;

import cin.reminders.platform.embedded.EmbeddedPostgres;
import cin.reminders.platform.embedded.JvmWideServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One PostgreSQL for every test in the JVM: a Testcontainers one where a Docker engine runs, else the embedded one.
 * Started by the first test that needs it, stopped at JVM exit ({@link #stop()} leaves it running for the next
 * test class or profile).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    static final String IMAGE = "postgres:17-alpine";

    @Override
    public Map<String, String> start() {
        if (DockerAvailability.available()) {
            return JvmWideServices.getOrStart("testcontainers-postgres", PostgresResource::startContainer);
        }
        return EmbeddedPostgres.start().quarkusConfig();
    }

    @Override
    public void stop() {
        // Shared by all test classes and profiles in this JVM: stopped by a JVM shutdown hook.
    }

    private static JvmWideServices.Started startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withDatabaseName("reminders")
                .withUsername("reminders")
                .withPassword("reminders");
        container.start();
        String reactiveUrl = "postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/"
                + container.getDatabaseName();
        // The container's user owns the database and runs the migrations; the service connects as its own role.
        ServiceRole.ensure("jdbc:" + reactiveUrl, container.getUsername(), container.getPassword());
        return new JvmWideServices.Started(Map.of(
                EmbeddedPostgres.REACTIVE_URL, reactiveUrl,
                EmbeddedPostgres.JDBC_URL, "jdbc:" + reactiveUrl,
                EmbeddedPostgres.USERNAME, ServiceRole.NAME,
                EmbeddedPostgres.PASSWORD, ServiceRole.PASSWORD,
                EmbeddedPostgres.FLYWAY_USERNAME, container.getUsername(),
                EmbeddedPostgres.FLYWAY_PASSWORD, container.getPassword()), container::stop);
    }
}
