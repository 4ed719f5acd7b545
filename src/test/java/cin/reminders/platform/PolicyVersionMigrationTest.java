package cin.reminders.platform;

import static cin.reminders.testing.MigrationDatabase.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.testing.MigrationDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * V13 (policy versions, CONTRACT-2 §9) on a database filled by the schema before it: every stored obligation was
 * opened by the only version there was, a file without {@code version}, so it records version '1'; ids are untouched.
 */
class PolicyVersionMigrationTest {

    @Test
    void storedObligationsRecordVersionOne() throws SQLException {
        MigrationDatabase db = MigrationDatabase.fresh("versions_");

        UUID open = UUID.randomUUID();
        UUID closed = UUID.randomUUID();
        db.migrateTo("12");
        try (Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into case_record (authority, case_id, plan_type) values ('derbyshire', 'OLD', 'CHILD_IN_NEED')");
            s.executeUpdate(obligation(open, "pm", "OPEN"));
            s.executeUpdate(obligation(closed, "rv", "COMPLETED"));
        }

        db.migrateTo(null);

        try (Connection c = db.connect();
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
}
