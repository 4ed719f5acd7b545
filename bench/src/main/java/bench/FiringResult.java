package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * Waits until every reminder notice fired for the obligations due at {@code --t} has an outcome, then reads
 * from the notices table: reminders/s from T to the last {@code sent_at} (due → rendered and handed to the
 * channel, as recorded by the service's clock), and the lateness {@code sent_at - T} (p50, p99, max). With
 * {@code --warmup-at T0}, the same for the warm-up burst before T (FiringSeed {@code --warmup}), timed from T0.
 * With {@code --sink URL} also the SMTP sink's count and its arrival rate (first to last message);
 * with {@code --notify URL} the Notify stub's counters: requests accepted per minute and 429s.
 * <p>{@code --jdbc URL --t INSTANT --expect N --measure firing|smtp|pacing [--warmup-at T0 --timeout S --sink URL --notify URL]}
 */
public final class FiringResult {

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        Instant t = Instant.parse(a.require("t"));
        long expect = a.getLong("expect", 0);
        String measure = a.get("measure", "firing");
        Instant warmupAt = a.get("warmup-at", null) == null ? null : Instant.parse(a.get("warmup-at", null));
        long timeout = a.getLong("timeout", 1800);
        HttpClient http = HttpClient.newHttpClient();
        try (Connection c = Db.connect(a.require("jdbc"))) {
            long deadline = System.nanoTime() + timeout * 1_000_000_000L;
            long lastPrint = System.nanoTime();
            boolean timedOut = false;
            while (true) {
                // The poll reads two small index ranges, not the notice table: a full count every half second
                // would take the database's CPU from the service under test.
                if (outstanding(c, t) == 0) {
                    long[] st = status(c);
                    if (st[2] >= expect && st[1] == 0) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    long[] st = status(c);
                    System.err.printf("[%s] TIMED OUT with %,d sent, %,d pending, %,d notices%n", measure, st[0], st[1], st[2]);
                    timedOut = true;
                    break;
                }
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    long[] st = status(c);
                    System.err.printf("[%s] %,d of %,d reminder notices sent (%,d planned, %,d waiting)%n", measure, st[0], expect, st[2], st[1]);
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(500);
            }
            ObjectNode out = Results.line(measure);
            out.put("t", t.toString());
            out.put("expected", expect);
            out.put("timed_out", timedOut);
            // The burst at T: the rungs due at T (their notices are scheduled for T).
            Burst main = burst(c, t, "scheduled_for = ?::timestamptz", t);
            out.put("sent", main.n);
            out.put("seconds", main.last);
            out.put("per_s", main.perSecond());
            out.put("lateness_p50_s", main.p50);
            out.put("lateness_p99_s", main.p99);
            out.put("lateness_max_s", main.last);
            out.put("lateness_min_s", main.first);
            // The warm-up burst before T (see FiringSeed --warmup): its notices were scheduled days before, so
            // lateness counts from the moment its rungs fell due. This is the first work after start: a cold JVM.
            if (warmupAt != null) {
                Burst cold = burst(c, warmupAt, "scheduled_for < ?::timestamptz", t);
                out.put("cold_sent", cold.n);
                out.put("cold_per_s", cold.perSecond());
                out.put("cold_lateness_p50_s", cold.p50);
                out.put("cold_lateness_p99_s", cold.p99);
                out.put("cold_lateness_max_s", cold.last);
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select status, coalesce(reason, ''), count(*) from notice where obligation_id is not null
                    group by 1, 2 order by 3 desc limit 10""");
                 ResultSet rs = ps.executeQuery()) {
                ObjectNode statuses = out.putObject("statuses");
                while (rs.next()) {
                    statuses.put(rs.getString(1) + (rs.getString(2).isEmpty() ? "" : " (" + rs.getString(2) + ")"), rs.getLong(3));
                }
            }
            if (measure.equals("pacing")) {
                try (PreparedStatement ps = c.prepareStatement("""
                        select count(*), max(attempts)
                        from notice where obligation_id is not null and status = 'SENT' and channel = 'SMS'""");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.put("sms_sent", rs.getLong(1));
                    out.put("max_attempts", rs.getInt(2));
                }
            }
            if (a.get("sink", null) != null) {
                JsonNode s = get(http, a.get("sink", null) + "/count");
                long n = s.get("count").asLong();
                double secs = (s.get("lastMs").asLong() - s.get("firstMs").asLong()) / 1000.0;
                out.put("sink_count", n);
                out.put("sink_seconds", secs);
                out.put("sink_per_s", secs > 0 ? (n - 1) / secs : 0);
            }
            if (a.get("notify", null) != null) {
                JsonNode s = get(http, a.get("notify", null) + "/__bench/counters");
                long n = s.get("accepted").asLong();
                double secs = (s.get("lastMs").asLong() - s.get("firstMs").asLong()) / 1000.0;
                out.put("notify_accepted", n);
                out.put("notify_429", s.get("rateLimited").asLong());
                out.put("notify_max_in_window", s.get("maxInWindow").asLong());
                out.put("notify_seconds", secs);
                out.put("notify_per_min", secs > 0 ? (n - 1) / secs * 60 : 0);
            }
            Results.write(out);
        }
    }

    record Burst(long n, double p50, double p99, double first, double last) {
        double perSecond() {
            return last > 0 ? n / last : 0;
        }
    }

    /** Reminders SENT among those matching {@code where} (one timestamp parameter), timed from {@code from}. */
    static Burst burst(Connection c, Instant from, String where, Instant whereAt) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*),
                       percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from sent_at - ?::timestamptz)),
                       min(extract(epoch from sent_at - ?::timestamptz)),
                       max(extract(epoch from sent_at - ?::timestamptz))
                from notice where obligation_id is not null and status = 'SENT' and\s""" + where)) {
            for (int i = 1; i <= 3; i++) {
                ps.setString(i, from.toString());
            }
            ps.setString(4, whereAt.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                Double[] lat = n == 0 ? new Double[] {0.0, 0.0} : (Double[]) rs.getArray(2).getArray();
                return new Burst(n, lat[0], lat[1], rs.getDouble(3), rs.getDouble(4));
            }
        }
    }

    /**
     * 1 while a rung due by T is not fired yet or a notice is waiting or in flight, else 0 (three index probes). The
     * rung's probe is the earliest due time, not {@code exists (… due_at <= ?)}: once the statement is prepared on the
     * server its generic plan scans the 1M-row table for that, whole once nothing is due (10M rows read a run).
     */
    static long outstanding(Connection c, Instant t) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                select (coalesce((select min(due_at) from reminder_rung) <= ?::timestamptz, false)
                     or exists (select 1 from notice where status = 'SCHEDULED')
                     or exists (select 1 from notice where status = 'SENDING'))::int""")) {
            ps.setString(1, t.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long[] status(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) filter (where status in ('SENT', 'DELIVERED')),
                       count(*) filter (where status in ('SCHEDULED', 'SENDING')),
                       count(*)
                from notice where obligation_id is not null""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return Results.JSON.readTree(r.body());
    }
}
