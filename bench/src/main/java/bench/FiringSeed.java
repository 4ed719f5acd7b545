package bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Seeds the service's (migrated, empty) schema for the firing measures, with COPY: cases, their lead
 * professional and team manager (with email addresses, or mobiles for the SMS pacing run), and
 * {@code --obligations} open obligations of distinct kinds per case. {@code --due} of them (spread evenly over the
 * cases) are due on {@code --t}'s date with their next reminder rung ({@code before-0}) at exactly {@code --t}
 * (a working day, 08:30 Europe/London); the rest are due later, with their next rung at least a day after {@code --t}.
 * {@code --warmup W} of those later ones (due two days after {@code --t}) have a late rung at {@code --warmup-at}
 * instead: a burst shortly before T, so the service meets T with its code compiled, as a service that has been
 * running does. It sends their 5-day reminder, scheduled days earlier, and their next rung comes after T.
 * <p>{@code --jdbc URL --obligations 1000000 --due 100000 --t 2026-03-02T08:30:00Z [--cases N --channel EMAIL|SMS
 * --warmup W --warmup-at T0]}
 */
public final class FiringSeed {
    static final String[] KINDS = {"PLAN_REVIEW", "HOME_VISIT", "CARE_TEAM_MEETING", "FORMAL_REVIEW", "SEE_CHILD_ALONE"};
    static final String[] RULES = {"R-REVIEW", "R-VISIT", "R-CTM", "R-FORMAL", "R-ALONE"};

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        int obligations = a.getInt("obligations", 1_000_000);
        int due = a.getInt("due", 100_000);
        int cases = a.getInt("cases", (int) Math.round(obligations / 2.5));
        Instant t = Instant.parse(a.get("t", "2026-03-02T08:30:00Z"));
        String channel = a.get("channel", "EMAIL");
        int warmup = a.getInt("warmup", 0);
        Instant warmupAt = Instant.parse(a.get("warmup-at", t.minusSeconds(30).toString()));
        LocalDate tDay = t.atZone(java.time.ZoneId.of("Europe/London")).toLocalDate();
        SplittableRandom rnd = new SplittableRandom(a.getLong("seed", 7));
        long start = System.nanoTime();
        try (Connection c = Db.connect(a.require("jdbc"))) {
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            // Since V7 a participant and a rung carry their case's council (row-level security keys on it); an older
            // schema has no such column (compare.sh seeds each build's own schema, and older builds are compared too).
            boolean participantAuthority = hasColumn(c, "participant", "authority");
            boolean rungAuthority = hasColumn(c, "reminder_rung", "authority");
            String[] council = new String[cases];
            String[] lp = new String[cases];
            String[] tm = new String[cases];
            // Cases
            try (Sink s = new Sink(cm.copyIn("copy case_record (case_id, authority, plan_type, long_term_support, opened_on, team, plan_start) from stdin"))) {
                for (int i = 0; i < cases; i++) {
                    int k = pickCouncil(rnd);
                    council[i] = EventGen.COUNCILS[k];
                    String prefix = EventGen.PREFIX[k].toLowerCase();
                    lp[i] = "lp-" + prefix + "-" + i / 20;
                    tm[i] = "tm-" + prefix + "-" + i / 160;
                    LocalDate opened = tDay.minusDays(20 + rnd.nextInt(300));
                    s.row(caseId(i), council[i], EventGen.pick(rnd, new String[] {"CHILD_IN_NEED", "CHILD_PROTECTION", "LOOKED_AFTER"},
                            new double[] {0.75, 0.2, 0.05}), rnd.nextDouble() < 0.15 ? "t" : "f", opened.toString(),
                            "team-" + (i / 160), opened.plusDays(10).toString());
                }
            }
            // Lead professional and team manager of each case
            boolean sms = channel.equals("SMS");
            try (Sink s = new Sink(cm.copyIn("copy participant (case_id, participant_id, position, role, name, email, mobile, preferred_channel, language"
                    + (participantAuthority ? ", authority" : "") + ") from stdin"))) {
                for (int i = 0; i < cases; i++) {
                    s.row(withCouncil(participantAuthority, council[i], caseId(i), lp[i], "1", "LEAD_PROFESSIONAL", "Lead Professional " + lp[i],
                            lp[i] + "@" + council[i] + ".gov.example", sms ? String.format("07700900%03d", i % 1000) : null, channel, "en"));
                    s.row(withCouncil(participantAuthority, council[i], caseId(i), tm[i], "2", "TEAM_MANAGER", "Team Manager " + tm[i],
                            tm[i] + "@" + council[i] + ".gov.example", sms ? String.format("07700900%03d", (i + 500) % 1000) : null, channel, "en"));
                }
            }
            // Obligations: 2 or 3 per case (distinct kinds), `due` of them due at T
            int every = Math.max(1, obligations / Math.max(1, due));
            int warmEvery = Math.max(1, (obligations - due) / Math.max(1, warmup));
            int dueMade = 0;
            int warmMade = 0;
            int pendingSeen = 0;
            List<String[]> rungs = new ArrayList<>(obligations);
            try (Sink s = new Sink(cm.copyIn("copy obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role, owner_participant_id, "
                    + "triggered_by_source, triggered_by_id, triggered_on) from stdin"))) {
                int n = 0;
                for (int i = 0; i < cases && n < obligations; i++) {
                    int perCase = (int) ((long) (i + 1) * obligations / cases - (long) i * obligations / cases);
                    int firstKind = rnd.nextInt(KINDS.length);
                    for (int j = 0; j < perCase && n < obligations; j++, n++) {
                        int k = (firstKind + j) % KINDS.length;
                        boolean isDue = n % every == 0 && dueMade < due;
                        LocalDate dueDate;
                        Instant next;
                        String step;
                        if (isDue) {
                            dueMade++;
                            dueDate = tDay;
                            next = t;
                            step = "before-0";
                        } else if (warmMade < warmup && pendingSeen++ % warmEvery == 0) {
                            warmMade++;
                            dueDate = tDay.plusDays(2);
                            next = warmupAt;
                            step = "before-5";
                        } else {
                            dueDate = tDay.plusDays(9 + rnd.nextInt(360));
                            next = dueDate.minusDays(7).atTime(8, 30).toInstant(ZoneOffset.UTC);
                            step = "before-5";
                        }
                        boolean tmOwns = KINDS[k].equals("FORMAL_REVIEW");
                        String id = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
                        s.row(id, caseId(i), council[i], KINDS[k], RULES[k],
                                dueDate.toString(), "OPEN", tmOwns ? "TEAM_MANAGER" : "LEAD_PROFESSIONAL", tmOwns ? tm[i] : lp[i],
                                "urn:bench:seed", "seed-" + n, tDay.minusDays(30).toString());
                        rungs.add(withCouncil(rungAuthority, council[i], id, next.toString(), step));
                    }
                }
                if (n != obligations || dueMade != due || warmMade != warmup) {
                    throw new IllegalStateException("made " + n + " obligations, " + dueMade + " due, " + warmMade + " warm-up");
                }
            }
            // Each obligation's reminder ladder: its next rung.
            try (Sink s = new Sink(cm.copyIn("copy reminder_rung (obligation_id, due_at, step" + (rungAuthority ? ", authority" : "")
                    + ") from stdin"))) {
                for (String[] r : rungs) {
                    s.row(r);
                }
            }
            Db.exec(c, "vacuum analyze case_record");
            Db.exec(c, "vacuum analyze participant");
            Db.exec(c, "vacuum analyze obligation");
            Db.exec(c, "vacuum analyze reminder_rung");
        }
        ObjectNode out = Results.line("firing_seed");
        out.put("cases", cases);
        out.put("obligations", obligations);
        out.put("due", due);
        out.put("warmup", warmup);
        out.put("warmup_at", warmupAt.toString());
        out.put("t", t.toString());
        out.put("channel", channel);
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        Results.write(out);
    }

    static boolean hasColumn(Connection c, String table, String column) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("""
                select 1 from information_schema.columns
                where table_schema = current_schema() and table_name = ? and column_name = ?""")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The row's values, with the council appended last where the table has the column. */
    static String[] withCouncil(boolean has, String council, String... values) {
        if (!has) {
            return values;
        }
        String[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = council;
        return out;
    }

    static String caseId(int i) {
        return String.format("F-%07d", i);
    }

    private static int pickCouncil(SplittableRandom rnd) {
        double x = rnd.nextDouble();
        for (int i = 0; i < EventGen.COUNCIL_WEIGHT.length; i++) {
            x -= EventGen.COUNCIL_WEIGHT[i];
            if (x < 0) {
                return i;
            }
        }
        return 0;
    }

    /** Streams COPY text rows (no value here needs escaping; null is \N). */
    static final class Sink implements AutoCloseable {
        final CopyIn in;
        final StringBuilder buf = new StringBuilder(1 << 20);

        Sink(CopyIn in) {
            this.in = in;
        }

        void row(String... values) throws java.sql.SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buf.append('\t');
                }
                buf.append(values[i] == null ? "\\N" : values[i]);
            }
            buf.append('\n');
            if (buf.length() > (1 << 20) - 4096) {
                flush();
            }
        }

        void flush() throws java.sql.SQLException {
            byte[] b = buf.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(b, 0, b.length);
            buf.setLength(0);
        }

        @Override
        public void close() throws java.sql.SQLException {
            flush();
            in.endCopy();
        }
    }
}
