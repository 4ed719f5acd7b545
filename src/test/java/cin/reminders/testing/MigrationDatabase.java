package cin.reminders.testing;

import cin.reminders.platform.embedded.EmbeddedPostgres;
import cin.reminders.platform.embedded.ServiceRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * An empty database of its own on the embedded PostgreSQL, for the migration tests: migrate it to a version, fill it
 * the old way, migrate on, and read what became of the rows. Migrations run as the owner, as the service's Flyway does.
 *
 * @param url its JDBC URL
 */
public record MigrationDatabase(EmbeddedPostgres.Info pg, String url) {

    /** A fresh database named {@code <prefix><random>}, with the service's role in place (the grants name it). */
    public static MigrationDatabase fresh(String prefix) throws SQLException {
        MigrationDatabase db = withoutServiceRole(prefix);
        ServiceRole.ensure(db.pg.jdbcUrl(), db.pg.ownerUsername(), db.pg.ownerPassword());
        return db;
    }

    /** A fresh database, and no service role made for it. */
    public static MigrationDatabase withoutServiceRole(String prefix) throws SQLException {
        EmbeddedPostgres.Info pg = EmbeddedPostgres.start();
        String database = prefix + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(), pg.ownerUsername(), pg.ownerPassword());
             Statement s = admin.createStatement()) {
            s.execute("create database " + database);
        }
        return new MigrationDatabase(pg, pg.jdbcUrl().substring(0, pg.jdbcUrl().lastIndexOf('/') + 1) + database);
    }

    /** Migrates to {@code version} (e.g. {@code "6"}), or to the latest when null. */
    public void migrateTo(String version) {
        var config = Flyway.configure().dataSource(url, pg.ownerUsername(), pg.ownerPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("service_role", ServiceRole.NAME));
        if (version != null) {
            config.target(version);
        }
        config.load().migrate();
    }

    /** A connection as the owner. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, pg.ownerUsername(), pg.ownerPassword());
    }

    /** The first column of every row the query gives, as text. */
    public static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
