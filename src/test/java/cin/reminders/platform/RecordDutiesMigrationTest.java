package cin.reminders.platform;

import static cin.reminders.testing.MigrationDatabase.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.testing.MigrationDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * V12 (record distributions are per meeting) on a database filled by the schema before it: existing record duties
 * learn the kind of record that fulfils them from the event that opened them, and afterwards a case may hold several
 * open record duties of one kind, while every other kind keeps one open per case.
 */
class RecordDutiesMigrationTest {

    @Test
    void recordDutiesLearnTheirRecordAndMayThenBeOpenSideBySide() throws SQLException {
        MigrationDatabase db = MigrationDatabase.fresh("records_");

        db.migrateTo("11");
        try (Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into case_record (authority, case_id, plan_type) values ('durham', 'OLD', 'CHILD_IN_NEED')");
            s.executeUpdate("""
                    insert into processed_event (source, event_id, authority, case_id, type) values
                        ('urn:x', 'pm', 'durham', 'OLD', 'cin.planning-meeting.held'),
                        ('urn:x', 'rv', 'durham', 'OLD', 'cin.review.held')""");
            s.executeUpdate(obligation("MEETING_RECORD_DISTRIBUTION", "pm", "2026-03-02", "OPEN"));
            s.executeUpdate(obligation("REVIEW_RECORD_DISTRIBUTION", "rv", "2026-04-20", "COMPLETED"));
            s.executeUpdate(obligation("PLAN_REVIEW", "pm", "2026-03-02", "OPEN"));
        }

        db.migrateTo(null);

        try (Connection c = db.connect();
             Statement s = c.createStatement()) {
            assertEquals(List.of("MEETING_RECORD_DISTRIBUTION|PLANNING_MEETING", "PLAN_REVIEW|",
                            "REVIEW_RECORD_DISTRIBUTION|REVIEW"),
                    strings(s, "select kind || '|' || coalesce(record_kind, '') from obligation order by kind"));

            // A care team meeting's record duty beside the planning meeting's, both open; one whose event is unknown too.
            s.executeUpdate(obligation("MEETING_RECORD_DISTRIBUTION", "ctm", "2026-03-12", "OPEN"));
            s.executeUpdate(obligation("MEETING_RECORD_DISTRIBUTION", "ctm2", "2026-05-07", "OPEN"));
            s.executeUpdate(obligation("REVIEW_RECORD_DISTRIBUTION", "rv2", "2026-06-01", "OPEN"));
            s.executeUpdate(obligation("REVIEW_RECORD_DISTRIBUTION", "rv3", "2026-07-13", "OPEN"));
            assertEquals(List.of("3"), strings(s,
                    "select count(*) from obligation where kind = 'MEETING_RECORD_DISTRIBUTION' and status = 'OPEN'"));
            try {
                s.executeUpdate(obligation("PLAN_REVIEW", "rv", "2026-04-20", "OPEN"));
            } catch (SQLException e) {
                assertTrue(e.getMessage().contains("obligation_one_open_per_kind"), e.getMessage());
                return;
            }
            throw new AssertionError("a second open PLAN_REVIEW on one case was accepted");
        }
    }

    private static String obligation(String kind, String eventId, String triggeredOn, String status) {
        return """
                insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role,
                    triggered_by_source, triggered_by_id, triggered_on)
                values ('%s', 'OLD', 'durham', '%s', 'U3', null, '%s', 'LEAD_PROFESSIONAL', 'urn:x', '%s', '%s')"""
                .formatted(UUID.randomUUID(), kind, status, eventId, triggeredOn);
    }
}
