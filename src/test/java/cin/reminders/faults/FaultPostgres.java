package cin.reminders.faults;

import cin.reminders.platform.embedded.ServiceRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The zonky embedded PostgreSQL 17 (its own {@code postgres} process) on a fixed port and data directory, so it can
 * be stopped ({@code pg_ctl stop -m fast}: every connection is cut) and started again where it was, data kept.
 */
final class FaultPostgres implements AutoCloseable {

    static final String USER = "postgres";
    final int port;
    private final Path dataDir;
    private EmbeddedPostgres pg;

    FaultPostgres(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    synchronized FaultPostgres start() throws IOException {
        Files.createDirectories(dataDir);
        pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return this;
    }

    synchronized void stop() throws IOException {
        if (pg != null) {
            pg.close();
            pg = null;
        }
    }

    boolean running() {
        return pg != null;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, USER);
    }

    void createDatabase(String database) throws SQLException {
        try (Connection c = connect("postgres"); var s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
        // The service connects as its own role, which row-level security restricts; migrations run as the owner.
        ServiceRole.ensure(jdbcUrl("postgres"), USER, USER);
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
