package cin.reminders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

/**
 * V13 (policy versions, CONTRACT-2 §9) on a database filled by the schema before it: every stored obligation was
 * opened by the only version there was, a file without {@code version}, so it records version '1'; ids are untouched.
 */
class PolicyVersionMigrationTest {

    @Test
    void storedObligationsRecordVersionOne() throws SQLException {
        EmbeddedPostgres.Info pg = EmbeddedPostgres.start();
        String database = "versions_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(), pg.ownerUsername(), pg.ownerPassword());
             Statement s = admin.createStatement()) {
            s.execute("create database " + database);
        }
        String url = pg.jdbcUrl().substring(0, pg.jdbcUrl().lastIndexOf('/') + 1) + database;
        ServiceRole.ensure(pg.jdbcUrl(), pg.ownerUsername(), pg.ownerPassword());

        UUID open = UUID.randomUUID();
        UUID closed = UUID.randomUUID();
        flyway(url, pg, "12").migrate();
        try (Connection c = DriverManager.getConnection(url, pg.ownerUsername(), pg.ownerPassword());
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into case_record (authority, case_id, plan_type) values ('derbyshire', 'OLD', 'CHILD_IN_NEED')");
            s.executeUpdate(obligation(open, "pm", "OPEN"));
            s.executeUpdate(obligation(closed, "rv", "COMPLETED"));
        }

        flyway(url, pg, null).migrate();

        try (Connection c = DriverManager.getConnection(url, pg.ownerUsername(), pg.ownerPassword());
             Statement s = c.createStatement()) {
            assertEquals(List.of(open + "|1", closed + "|1").stream().sorted().toList(),
                    strings(s, "select id || '|' || policy_version from obligation order by id::text"));
        }
    }

    private static String obligation(UUID id, String eventId, String status) {
        return """
                insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role,
                    triggered_by_source, triggered_by_id, triggered_on)
                values ('%s', 'OLD', 'derbyshire', 'PLAN_REVIEW', 'D1', '2026-05-20', '%s', 'LEAD_PROFESSIONAL', 'urn:x',
                    '%s', '2026-04-08')""".formatted(id, status, eventId);
    }

    private static Flyway flyway(String url, EmbeddedPostgres.Info pg, String target) {
        var config = Flyway.configure().dataSource(url, pg.ownerUsername(), pg.ownerPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("service_role", ServiceRole.NAME));
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
