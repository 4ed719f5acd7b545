package cin.reminders.platform;

import static cin.reminders.testing.MigrationDatabase.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.testing.MigrationDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V7 (a case is (authority, caseId)) on a database filled by the schema before it (V1–V6): nothing is lost, every row
 * gains its case's council, and afterwards two councils can use the same case and participant ids.
 */
class CaseIdentityMigrationTest {

    static final List<String> TABLES = List.of("case_record", "participant", "obligation", "reminder_rung", "notice",
            "dispatch_group", "receipt_outbox", "processed_event");

    @Test
    void existingDataMovesWithoutLossAndTheSameIdsThenWorkForTwoCouncils() throws SQLException {
        MigrationDatabase db = MigrationDatabase.fresh("migration_");

        db.migrateTo("6");
        Map<String, Long> before;
        try (Connection c = db.connect();
             Statement s = c.createStatement()) {
            fillTheOldSchema(s);
            before = counts(s);
        }

        db.migrateTo(null);

        try (Connection c = db.connect();
             Statement s = c.createStatement()) {
            assertEquals(before, counts(s), "every row is still there");
            // Every row took its case's council.
            assertEquals(0, count(s, """
                    select count(*) from participant p join case_record c on c.case_id = p.case_id
                    where p.authority is distinct from c.authority"""));
            assertEquals(List.of("durham", "walsall"), strings(s, "select authority from participant order by authority"));
            assertEquals(List.of("durham"), strings(s, "select authority from reminder_rung"));
            assertEquals(List.of("durham"), strings(s, "select authority from dispatch_group"));
            assertEquals(List.of("walsall"), strings(s, "select authority from receipt_outbox"));
            assertEquals(List.of("durham", "walsall"), strings(s, "select authority from processed_event order by authority"));
            assertEquals(List.of("OLD-D|durham", "OLD-W|walsall"),
                    strings(s, "select case_id || '|' || authority from case_record order by case_id"));

            // Walsall may now open a case with Durham's id, with the same participant id and an open obligation of
            // the same kind; Durham's rows stay as they were.
            s.executeUpdate("insert into case_record (case_id, authority, plan_type) values ('OLD-D', 'walsall', 'CHILD_IN_NEED')");
            s.executeUpdate("""
                    insert into participant (authority, case_id, participant_id, position, role, name, preferred_channel, language)
                    values ('walsall', 'OLD-D', 'lp-1', 0, 'LEAD_PROFESSIONAL', 'Another person', 'EMAIL', 'en')""");
            s.executeUpdate(obligation(UUID.randomUUID(), "OLD-D", "walsall", "OPEN"));
            assertEquals(2, count(s, "select count(*) from obligation where case_id = 'OLD-D' and status = 'OPEN'"));
            assertEquals("Lee Durham", strings(s,
                    "select name from participant where authority = 'durham' and case_id = 'OLD-D'").get(0));
            // One open obligation per case and kind still holds within a council.
            assertThrowsUnique(s, obligation(UUID.randomUUID(), "OLD-D", "durham", "OPEN"));
        }
    }

    /**
     * One user for everything (a developer's or a test runner's database): the migrations still run, row-level
     * security on and the user past it, as its owner; the service says so at start (RowLevelSecurityCheck).
     */
    @Test
    void oneUserForMigrationsAndServiceStillMigrates() throws SQLException {
        MigrationDatabase db = MigrationDatabase.withoutServiceRole("oneuser_");
        Flyway.configure().dataSource(db.url(), db.pg().ownerUsername(), db.pg().ownerPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("service_role", db.pg().ownerUsername())).load().migrate();
        try (Connection c = db.connect();
             Statement s = c.createStatement()) {
            assertEquals(1, count(s, "select count(*) from pg_class where relname = 'obligation' and relrowsecurity"));
            s.executeUpdate("insert into case_record (case_id, authority, plan_type) values ('ONE', 'durham', 'CHILD_IN_NEED')");
            assertEquals(1, count(s, "select count(*) from case_record"), "the owner is not restricted");
        }
    }

    /** Two cases of two councils as V6 held them: every table that names a case has a row. */
    private static void fillTheOldSchema(Statement s) throws SQLException {
        s.executeUpdate("""
                insert into case_record (case_id, authority, plan_type, team) values
                    ('OLD-D', 'durham', 'CHILD_IN_NEED', 'North'), ('OLD-W', 'walsall', 'CHILD_PROTECTION', null)""");
        s.executeUpdate("""
                insert into participant (case_id, participant_id, position, role, name, email, preferred_channel, language) values
                    ('OLD-D', 'lp-1', 0, 'LEAD_PROFESSIONAL', 'Lee Durham', 'lee@durham.example', 'EMAIL', 'en'),
                    ('OLD-W', 'lp-1', 0, 'LEAD_PROFESSIONAL', 'Lou Walsall', 'lou@walsall.example', 'EMAIL', 'en')""");
        UUID durhamOpen = UUID.fromString("00000000-0000-3000-8000-000000000001");
        UUID walsallDone = UUID.fromString("00000000-0000-3000-8000-000000000002");
        s.executeUpdate(obligation(durhamOpen, "OLD-D", "durham", "OPEN"));
        s.executeUpdate(obligation(walsallDone, "OLD-W", "walsall", "COMPLETED"));
        s.executeUpdate("insert into reminder_rung (obligation_id, due_at, step) values ('" + durhamOpen
                + "', '2026-03-01T08:30:00Z', 'before-5')");
        UUID notice = UUID.fromString("00000000-0000-3000-8000-000000000003");
        s.executeUpdate("""
                insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id,
                    recipient_role, language, status, scheduled_for, next_attempt_at, group_key)
                values ('%s', 'plan-copy|urn:x#1|lp-1', 'OLD-D', 'durham', 'plan-copy', 'EMAIL', 'lp-1',
                    'LEAD_PROFESSIONAL', 'en', 'SCHEDULED', now(), now(), 'plan-copy|urn:x#1')""".formatted(notice));
        s.executeUpdate("""
                insert into dispatch_group (group_key, case_id, obligation_ids)
                values ('plan-copy|urn:x#1', 'OLD-D', array['%s']::uuid[])""".formatted(durhamOpen));
        s.executeUpdate("""
                insert into receipt_outbox (notice_id, case_id, status, occurred_at)
                values ('%s', 'OLD-W', 'SENT', now())""".formatted(UUID.randomUUID()));
        s.executeUpdate("""
                insert into processed_event (source, event_id, case_id, type) values
                    ('urn:x', '1', 'OLD-D', 'cin.planning-meeting.held'), ('urn:x', '2', 'OLD-W', 'cin.case.opened')""");
    }

    private static String obligation(UUID id, String caseId, String authority, String status) {
        return """
                insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role,
                    owner_participant_id, triggered_by_source, triggered_by_id, triggered_on)
                values ('%s', '%s', '%s', 'PLAN_REVIEW', 'D1', '2026-03-06', '%s', 'LEAD_PROFESSIONAL', 'lp-1',
                    'urn:x', '1', '2026-01-12')""".formatted(id, caseId, authority, status);
    }

    private static void assertThrowsUnique(Statement s, String sql) {
        try {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            assertTrue(e.getMessage().contains("obligation_one_open_per_kind"), e.getMessage());
            return;
        }
        throw new AssertionError("a second open obligation of one kind on one council's case was accepted");
    }

    private static Map<String, Long> counts(Statement s) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, count(s, "select count(*) from " + table));
        }
        return out;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
