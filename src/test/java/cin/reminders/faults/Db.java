package cin.reminders.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Plain JDBC on one scenario's database: a fresh connection per call, so a PostgreSQL restart never leaves the test
 * holding a dead one.
 */
final class Db {

    private final FaultPostgres pg;
    final String name;

    Db(FaultPostgres pg, String name) {
        this.pg = pg;
        this.name = name;
    }

    long count(String sql, Object... args) {
        try (Connection c = pg.connect(name); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** {@code count(sql)}, or -1 while the database cannot be reached. */
    long countOrMinusOne(String sql, Object... args) {
        try {
            return count(sql, args);
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    Map<String, Long> groupCount(String sql, Object... args) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = pg.connect(name); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(String.valueOf(r.getObject(1)), r.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return out;
    }

    void execute(String sql) {
        try (Connection c = pg.connect(name); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Seeds a reminder burst: {@code n} cases of Portsmouth, each with a lead professional and a team manager
     * (unique email addresses, email preferred) and one open {@code HOME_VISIT} obligation owned by the lead
     * professional, due on {@code dueDate}, whose reminder ladder's next rung is {@code step} at {@code dueAt}: the
     * same instant for every one. Set-based, like {@link #seedNotices}. The obligations' cases are
     * {@code prefix-0} to {@code prefix-(n-1)}.
     */
    void seedFiringBurst(String prefix, int n, LocalDate dueDate, String step, Instant dueAt) {
        String cases = " from generate_series(0, " + (n - 1) + ") g";
        execute("insert into case_record (case_id, authority, plan_type) select '" + prefix
                + "-' || g, 'portsmouth', 'CHILD_IN_NEED'" + cases);
        execute("insert into participant (authority, case_id, participant_id, position, role, name, email, preferred_channel, language)"
                + " select 'portsmouth', '" + prefix + "-' || g, 'lp', 0, 'LEAD_PROFESSIONAL', 'Lead ' || g, 'lp' || g || '@" + prefix
                + ".faults.example', 'EMAIL', 'en'" + cases);
        execute("insert into participant (authority, case_id, participant_id, position, role, name, email, preferred_channel, language)"
                + " select 'portsmouth', '" + prefix + "-' || g, 'tm', 1, 'TEAM_MANAGER', 'Manager ' || g, 'tm' || g || '@" + prefix
                + ".faults.example', 'EMAIL', 'en'" + cases);
        execute("insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role,"
                + " owner_participant_id, triggered_by_source, triggered_by_id, triggered_on)"
                + " select gen_random_uuid(), '" + prefix + "-' || g, 'portsmouth', 'HOME_VISIT', 'P5', date '" + dueDate
                + "', 'OPEN', 'LEAD_PROFESSIONAL', 'lp', 'urn:faults:firing', '" + prefix + "-' || g, date '"
                + dueDate.minusWeeks(6) + "'" + cases);
        execute("insert into reminder_rung (obligation_id, authority, due_at, step) select id, authority, timestamptz '"
                + dueAt + "', '" + step + "' from obligation where case_id like '" + prefix + "-%'");
    }

    /** The first column of every row, as text. */
    Set<String> strings(String sql, Object... args) {
        Set<String> out = new HashSet<>();
        try (Connection c = pg.connect(name); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Seeds {@code n} due notices straight into the schema the service migrated, set-based: cases of 20 agencies and a
     * lead professional, each agency with a unique email address and a UK mobile in Ofcom's 07700 900xxx drama range;
     * every {@code smsEvery}-th notice goes by SMS (GOV.UK Notify), the rest by email (SMTP). All are SCHEDULED and
     * due now. Returns notice id to channel.
     */
    Map<String, String> seedNotices(String prefix, int n, int smsEvery) {
        return seedNotices(prefix, n, smsEvery, 0);
    }

    /**
     * As {@link #seedNotices(String, int, int)}, and every {@code letterEvery}-th notice (0: none; offset by half of
     * it, so that it never falls on an SMS one when both are the same) goes by LETTER (Notify's sendLetter, reference =
     * notice id) to a parent with only a postal address: no email, no mobile, preferring letters, at
     * "&lt;g&gt; High Street, Walsall, WS1 1TP". Portsmouth's policy has letters on, and plan-copy has a letter form.
     */
    Map<String, String> seedNotices(String prefix, int n, int smsEvery, int letterEvery) {
        int cases = (n + 19) / 20;
        String letter = letterEvery > 0 ? "g % " + letterEvery + " = " + (letterEvery / 2) : "false";
        String channel = "case when g % " + smsEvery + " = 0 then 'SMS' when " + letter + " then 'LETTER' else 'EMAIL' end";
        String role = "case when " + channel + " = 'LETTER' then 'PARENT' else 'AGENCY' end";
        execute("insert into case_record (case_id, authority, plan_type) select '" + prefix
                + "-' || g, 'portsmouth', 'CHILD_IN_NEED' from generate_series(0, " + (cases - 1) + ") g");
        execute("insert into participant (authority, case_id, participant_id, position, role, name, email, preferred_channel, language)"
                + " select 'portsmouth', '" + prefix + "-' || g, 'lp', 0, 'LEAD_PROFESSIONAL', 'Lead ' || g, 'lp' || g || '@" + prefix
                + ".faults.example', 'EMAIL', 'en' from generate_series(0, " + (cases - 1) + ") g");
        execute("insert into participant (authority, case_id, participant_id, position, role, name, email, mobile,"
                + " preferred_channel, language, address_lines, address_postcode) select 'portsmouth', '" + prefix
                + "-' || (g / 20), 'a' || g, 1 + g % 20, " + role + ", case when " + channel
                + " = 'LETTER' then 'Parent ' || g else 'Agency ' || g end,"
                + " case when " + channel + " = 'LETTER' then null else 'agency' || g || '@" + prefix + ".faults.example' end,"
                + " case when " + channel + " = 'LETTER' then null else '07700' || (900100 + g % 800)::text end,"
                + " " + channel + ", 'en',"
                + " case when " + channel + " = 'LETTER' then array[g || ' High Street', 'Walsall'] end,"
                + " case when " + channel + " = 'LETTER' then 'WS1 1TP' end from generate_series(0, " + (n - 1) + ") g");
        execute("insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id,"
                + " recipient_role, language, status, scheduled_for, next_attempt_at, data)"
                + " select gen_random_uuid(), 'faults|" + prefix + "|' || g, '" + prefix + "-' || (g / 20), 'portsmouth',"
                + " 'plan-copy', " + channel + ", 'a' || g, " + role + ", 'en',"
                + " 'SCHEDULED', now(), now(), '{\"documentUrl\": \"https://cms.example/p/1\"}'::jsonb"
                + " from generate_series(0, " + (n - 1) + ") g");
        Map<String, String> ids = new HashMap<>();
        try (Connection c = pg.connect(name); PreparedStatement s = c.prepareStatement(
                "select id::text, channel from notice where notice_key like ?")) {
            s.setString(1, "faults|" + prefix + "|%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.put(r.getString(1), r.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
