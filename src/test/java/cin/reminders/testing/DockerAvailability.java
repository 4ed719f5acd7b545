package cin.reminders.testing;

import org.jboss.logging.Logger;

/**
 * Whether the tests can use Testcontainers. Asked once per JVM; the answer is kept in the system property
 * {@value #DETECTED} so that every class loader (Quarkus makes one per test profile) gets it without probing again.
 * <p>
 * {@code -Dtests.docker=false} skips the probe (no Docker); {@code -Dtests.docker=true} skips it the other way. Without
 * it the probe runs, and any failure to probe (no engine, no socket, a missing class) means "no Docker".
 */
public final class DockerAvailability {

    public static final String SWITCH = "tests.docker";
    static final String DETECTED = "tests.docker.detected";

    private static final Logger LOG = Logger.getLogger(DockerAvailability.class);
    private static final java.util.logging.Logger QUIET_WHILE_PROBING = java.util.logging.Logger
            .getLogger("org.testcontainers.dockerclient");

    private DockerAvailability() {
    }

    public static boolean available() {
        String forced = System.getProperty(SWITCH, System.getenv("TESTS_DOCKER"));
        if (forced != null && !forced.isBlank()) {
            return Boolean.parseBoolean(forced.trim());
        }
        synchronized ("cin.reminders.testing.DockerAvailability.lock".intern()) {
            String detected = System.getProperty(DETECTED);
            if (detected == null) {
                long begin = System.nanoTime();
                boolean available;
                // Testcontainers logs a failed probe at ERROR with every strategy it tried: we say it in one line.
                java.util.logging.Level level = QUIET_WHILE_PROBING.getLevel();
                QUIET_WHILE_PROBING.setLevel(java.util.logging.Level.OFF);
                try {
                    available = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
                } catch (Throwable e) {
                    available = false;
                } finally {
                    QUIET_WHILE_PROBING.setLevel(level);
                }
                LOG.infof("Docker %s (probed in %d ms); tests use %s", available ? "available" : "not available",
                        (System.nanoTime() - begin) / 1_000_000,
                        available ? "Testcontainers" : "the embedded PostgreSQL and Kafka");
                detected = String.valueOf(available);
                System.setProperty(DETECTED, detected);
            }
            return Boolean.parseBoolean(detected);
        }
    }
}
