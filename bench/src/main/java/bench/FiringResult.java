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
 * channel, as recorded by the service's clock), and the lateness {@code sent_at - T} (p50, p99, max); also the
 * firing stage alone ({@code scheduled_for - T}: when the rung's notice was planned).
 * With {@code --sink URL} also the SMTP sink's count and its arrival rate (first to last message);
 * with {@code --notify URL} the Notify stub's counters: requests accepted per minute and 429s.
 * <p>{@code --jdbc URL --t INSTANT --expect N --measure firing|smtp|pacing [--timeout S --sink URL --notify URL]}
 */
public final class FiringResult {

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        Instant t = Instant.parse(a.require("t"));
        long expect = a.getLong("expect", 0);
        String measure = a.get("measure", "firing");
        long timeout = a.getLong("timeout", 1800);
        HttpClient http = HttpClient.newHttpClient();
        try (Connection c = Db.connect(a.require("jdbc"))) {
            long deadline = System.nanoTime() + timeout * 1_000_000_000L;
            long lastPrint = System.nanoTime();
            boolean timedOut = false;
            while (true) {
                long[] st = status(c);
                long sent = st[0];
                long pending = st[1];
                long total = st[2];
                if (total >= expect && pending == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    System.err.printf("[%s] TIMED OUT with %,d sent, %,d pending, %,d notices%n", measure, sent, pending, total);
                    timedOut = true;
                    break;
                }
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    System.err.printf("[%s] %,d of %,d reminder notices sent (%,d planned, %,d waiting)%n", measure, sent, expect, total, pending);
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(500);
            }
            ObjectNode out = Results.line(measure);
            out.put("t", t.toString());
            out.put("expected", expect);
            out.put("timed_out", timedOut);
            try (PreparedStatement ps = c.prepareStatement("""
                    select count(*),
                           percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from sent_at - ?::timestamptz)),
                           max(extract(epoch from sent_at - ?::timestamptz)),
                           percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from scheduled_for - ?::timestamptz)),
                           max(extract(epoch from scheduled_for - ?::timestamptz)),
                           min(extract(epoch from sent_at - ?::timestamptz))
                    from notice where obligation_id is not null and status = 'SENT'""")) {
                for (int i = 1; i <= 5; i++) {
                    ps.setString(i, t.toString());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    Double[] lat = n == 0 ? new Double[] {0.0, 0.0} : (Double[]) rs.getArray(2).getArray();
                    double last = rs.getDouble(3);
                    Double[] fire = n == 0 ? new Double[] {0.0, 0.0} : (Double[]) rs.getArray(4).getArray();
                    out.put("sent", n);
                    out.put("seconds", last);
                    out.put("per_s", last > 0 ? n / last : 0);
                    out.put("lateness_p50_s", lat[0]);
                    out.put("lateness_p99_s", lat[1]);
                    out.put("lateness_max_s", last);
                    out.put("lateness_min_s", rs.getDouble(6));
                    out.put("fired_p50_s", fire[0]);
                    out.put("fired_p99_s", fire[1]);
                    out.put("fired_max_s", rs.getDouble(5));
                    out.put("fired_per_s", rs.getDouble(5) > 0 ? n / rs.getDouble(5) : 0);
                }
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
