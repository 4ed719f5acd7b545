package bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * After the service has committed every event: the ingest rate from the database's own clock.
 * Start: the earliest {@code processed_event.received_at} (the start of the first batch's transaction);
 * end: the latest commit timestamp of a {@code processed_event} row ({@code track_commit_timestamp} is on),
 * i.e. when the last obligation was committed. Also counts what the service wrote, table by table.
 * <p>{@code --jdbc URL --events N [--dlq N --service-rss-kib N]}
 */
public final class IngestResult {
    static final String[] TABLES = {"case_record", "participant", "obligation", "processed_event", "notice",
            "dispatch_group", "receipt_outbox", "reminder_rung"};

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        long events = a.getLong("events", 0);
        try (Connection c = Db.connect(a.require("jdbc")); Statement s = c.createStatement()) {
            ObjectNode out = Results.line("ingest");
            OffsetDateTime t0;
            OffsetDateTime t1;
            long applied;
            try (ResultSet rs = s.executeQuery("""
                    select min(received_at), max(pg_xact_commit_timestamp(xmin)), count(*) from processed_event""")) {
                rs.next();
                t0 = rs.getObject(1, OffsetDateTime.class);
                t1 = rs.getObject(2, OffsetDateTime.class);
                applied = rs.getLong(3);
            }
            double secs = Duration.between(t0, t1).toNanos() / 1e9;
            out.put("events", events);
            out.put("applied", applied);
            out.put("seconds", secs);
            out.put("events_per_s", applied / secs);
            out.put("dlq", a.getLong("dlq", -1));
            long rows = 0;
            ObjectNode tables = out.putObject("rows");
            for (String t : TABLES) {
                long n = Db.scalarLong(c, "select count(*) from " + t);
                tables.put(t, n);
                rows += n;
            }
            out.put("rows_total", rows);
            out.put("rows_per_event", (double) rows / applied);
            out.put("open_obligations", Db.scalarLong(c, "select count(*) from obligation where status = 'OPEN'"));
            Results.write(out);
            if (applied != events) {
                System.err.println("[ingest] WARNING: " + applied + " events applied of " + events);
            }
        }
    }
}
