package cin.reminders.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.embedded.ServiceRole;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second wall (V9): PostgreSQL's row-level security holds the service's own role to the councils a transaction
 * acts for, even when a statement forgets its WHERE, and that role cannot take the wall down.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class RowLevelSecurityTest {

    /** Every table that holds a council's data. */
    static final List<String> TABLES = List.of("case_record", "participant", "obligation", "reminder_rung", "notice",
            "dispatch_group", "receipt_outbox", "processed_event", "access_log");

    @Inject
    Pool pool; // the service's default pool: acts for no council outside a transaction that names them

    String durhamCase;
    String walsallCase;

    @BeforeEach
    void aCaseInEachCouncil() {
        durhamCase = CloudEvents.newCaseId("RLS-D");
        walsallCase = CloudEvents.newCaseId("RLS-W");
        String batch = List.of(
                CloudEvents.participant("durham", durhamCase, CloudEvents.person("lp-d", "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.event("durham", durhamCase, "cin.planning-meeting.held", "2026-01-12"),
                CloudEvents.participant("walsall", walsallCase, CloudEvents.person("lp-w", "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.event("walsall", walsallCase, "cin.planning-meeting.held", "2026-01-12")).toString();
        given().contentType("application/cloudevents-batch+json").body(batch).post("/api/events").then().statusCode(202);
    }

    static Connection asService() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, ServiceRole.NAME, ServiceRole.PASSWORD);
    }

    static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    @Test
    void aQueryThatNamesNoCouncilSeesNoRows() throws SQLException {
        try (Connection c = asService(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                assertEquals(0, count(s, "select count(*) from " + table), table + " without councils set");
            }
            // The owner sees these rows: they exist, the wall hides them.
            assertTrue(count(s, "select count(*) from pg_class where relname = 'case_record' and relrowsecurity") == 1);
        }
        Long seen = pool.preparedQuery("select count(*) from obligation").execute()
                .map(rows -> rows.iterator().next().getLong(0)).await().indefinitely();
        assertEquals(0L, seen, "the service's default pool outside a council's transaction sees nothing");
    }

    @Test
    void aQueryForDurhamSeesNoWalsallRowEvenWithoutAWhere() throws SQLException {
        try (Connection c = asService(); Statement s = c.createStatement()) {
            s.execute("set cin.authorities = 'durham'");
            for (String table : List.of("case_record", "participant", "obligation", "notice", "processed_event")) {
                List<String> councils = strings(s, "select distinct authority from " + table);
                assertFalse(councils.contains("walsall"), table + ": " + councils);
            }
            assertTrue(strings(s, "select case_id from case_record").contains(durhamCase));
            assertFalse(strings(s, "select case_id from case_record").contains(walsallCase));
            assertEquals(0, count(s, "select count(*) from obligation where case_id = '" + walsallCase + "'"));
            // Writing another council's rows is refused, whatever the statement says.
            SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate("""
                    insert into case_record (case_id, authority, plan_type) values ('RLS-X', 'walsall', 'CHILD_IN_NEED')"""));
            assertTrue(refused.getMessage().contains("row-level security"), refused.getMessage());
            assertEquals(0, s.executeUpdate("update obligation set rule_id = rule_id where case_id = '" + walsallCase + "'"),
                    "an update of another council's rows touches none");

            s.execute("set cin.authorities = 'durham,walsall'");
            assertTrue(strings(s, "select case_id from case_record").containsAll(List.of(durhamCase, walsallCase)));
        }
    }

    @Test
    void theServiceSaysTheWallHolds() {
        // The service connects as cin_service here: its start-up check reports the wall in force.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/metrics").then().statusCode(200)
                        .body(org.hamcrest.Matchers.containsString("cin_database_council_wall 1.0")));
    }

    @Test
    void theServiceRoleCannotTakeTheWallDown() throws SQLException {
        try (Connection c = asService(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
                r.next();
                assertFalse(r.getBoolean(1), "the service's role is no superuser");
                assertFalse(r.getBoolean(2), "the service's role may not bypass row-level security");
            }
            for (String table : TABLES) {
                SQLException e = assertThrows(SQLException.class,
                        () -> s.execute("alter table " + table + " disable row level security"), table);
                assertTrue(e.getMessage().contains("must be owner"), e.getMessage());
            }
            assertThrows(SQLException.class, () -> s.execute("drop policy acting_councils on obligation"));
            assertThrows(SQLException.class, () -> s.execute("create policy everything on obligation using (true)"));
            // Reading with row-level security off is refused rather than answered past the policies.
            s.execute("set row_security = off");
            SQLException bypass = assertThrows(SQLException.class, () -> count(s, "select count(*) from obligation"));
            assertTrue(bypass.getMessage().contains("row-level security"), bypass.getMessage());
            s.execute("reset row_security");
            // Nor may it delete its own audit trail: the access log takes inserts and reads only.
            s.execute("set cin.authorities = '*'");
            assertThrows(SQLException.class, () -> s.executeUpdate("delete from access_log"));
            assertThrows(SQLException.class, () -> s.executeUpdate("update access_log set subject = 'x'"));
        }
    }
}
