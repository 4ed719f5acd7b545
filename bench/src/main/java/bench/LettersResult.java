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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The letters measure (bench/letters.sh): {@code --letters} LETTER notices and {@code --texts} SMS notices, all due at
 * once, dispatched by the service to the Notify stub. Waits until every text is SENT and every letter is either SENT
 * or waiting for the next day, then reports, from the database and from the stub (which counts letters by reference):
 * <ul>
 * <li>the daily cap: letters accepted at the stub (distinct references, copies), letters SENT, letters deferred with
 * the daily-limit reason and when they are due again, the day's {@code letter_allowance} row, letters over the cap;</li>
 * <li>the shared pace: texts/min and letters/min while both were being sent (the stub's per-second counts), and the
 * most of each the stub accepted in any rolling 60 s, against {@code --max-per-minute} and
 * {@code --letters-per-minute}.</li>
 * </ul>
 * One JSON line ({@code measure: letters}) to stdout and BENCH_RESULTS, and a Markdown table to {@code --markdown}.
 */
public final class LettersResult {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] a) throws Exception {
        Args args = new Args(a);
        String jdbc = args.require("jdbc");
        String notify = args.require("notify");
        int letters = args.getInt("letters", 30000);
        int texts = args.getInt("texts", 0);
        int perDay = args.getInt("per-day", 20000);
        int maxPerMinute = args.getInt("max-per-minute", 3000);
        int lettersPerMinute = args.getInt("letters-per-minute", 600);
        long startedMs = args.getLong("started-ms", System.currentTimeMillis());
        Duration timeout = Duration.ofSeconds(args.getLong("timeout", 3600));
        String markdown = args.get("markdown", null);

        long deadline = System.nanoTime() + timeout.toNanos();
        String waitSql = """
                select count(*) filter (where channel = 'SMS' and status = 'SENT'),
                       count(*) filter (where channel = 'LETTER' and status = 'SENT'),
                       count(*) filter (where channel = 'LETTER' and status = 'SCHEDULED'
                                        and next_attempt_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'
                                                               + interval '1 day'),
                       count(*) filter (where status = 'SENDING')
                from notice""";
        long[] last = new long[4];
        boolean timedOut = false;
        long lastPrint = 0;
        try (Connection c = Db.connect(jdbc)) {
            while (true) {
                try (PreparedStatement s = c.prepareStatement(waitSql); ResultSet r = s.executeQuery()) {
                    r.next();
                    for (int i = 0; i < 4; i++) {
                        last[i] = r.getLong(i + 1);
                    }
                }
                if (last[0] >= texts && last[1] + last[2] >= letters && last[3] == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    System.err.printf("[letters] texts SENT %d/%d, letters SENT %d, waiting for the next day %d, sending %d%n",
                            last[0], texts, last[1], last[2], last[3]);
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(500);
            }
        }
        long doneMs = System.currentTimeMillis();
        Thread.sleep(1000); // stragglers at the stub

        JsonNode counters = get(notify + "/__bench/counters");
        JsonNode timeline = get(notify + "/__bench/timeline");
        ObjectNode out = Results.line("letters");
        out.put("timed_out", timedOut);
        out.put("letters_queued", letters);
        out.put("texts_queued", texts);
        out.put("letters_per_day", perDay);
        out.put("max_per_minute", maxPerMinute);
        out.put("letters_per_minute", lettersPerMinute);
        out.put("wall_s", (doneMs - startedMs) / 1000.0);

        try (Connection c = Db.connect(jdbc)) {
            Map<String, Long> byStatus = group(c, "select channel || ' ' || status, count(*) from notice group by 1 order by 1");
            ObjectNode st = out.putObject("statuses");
            byStatus.forEach(st::put);
            long lettersSent = byStatus.getOrDefault("LETTER SENT", 0L);
            Map<String, Long> reasons = group(c, "select coalesce(reason, '(none)') || ' | next attempt '"
                    + " || to_char(next_attempt_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ' | attempts ' || attempts,"
                    + " count(*) from notice where channel = 'LETTER' and status = 'SCHEDULED' group by 1 order by 2 desc");
            ObjectNode rs = out.putObject("letters_waiting_by_reason");
            reasons.forEach(rs::put);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String expectedReason = "Notify's daily letter limit (" + perDay + ") reached for " + today
                    + "; waits for the next day";
            long deferred = count(c, "select count(*) from notice where channel = 'LETTER' and status = 'SCHEDULED'"
                    + " and reason = ? and next_attempt_at = ?::timestamptz", expectedReason, today.plusDays(1) + "T00:00:00Z");
            long deferredAttempts = count(c, "select coalesce(max(attempts), 0) from notice where channel = 'LETTER'"
                    + " and status = 'SCHEDULED'");
            long allowance = count(c, "select coalesce(sum(used), 0) from letter_allowance where day = ?::date", today.toString());
            out.put("letters_sent_db", lettersSent);
            out.put("letters_deferred_with_reason", deferred);
            out.put("deferred_reason", expectedReason);
            out.put("deferred_until", today.plusDays(1) + "T00:00:00Z");
            out.put("deferred_max_attempts", deferredAttempts);
            out.put("letter_allowance_used_today", allowance);
            out.put("texts_sent_db", byStatus.getOrDefault("SMS SENT", 0L));
        }

        JsonNode letterStats = counters.path("byType").path("letter");
        JsonNode smsStats = counters.path("byType").path("sms");
        long lettersAccepted = letterStats.path("accepted").asLong();
        out.put("letters_accepted_stub", lettersAccepted);
        out.put("letter_references_stub", counters.path("letterReferences").asLong());
        out.put("letters_posted_twice", counters.path("lettersTwice").asLong());
        out.put("letters_over_cap", Math.max(0, lettersAccepted - perDay));
        out.put("texts_accepted_stub", smsStats.path("accepted").asLong());
        out.put("stub_429", counters.path("rateLimited").asLong());
        out.put("stub_max_in_60s_all", counters.path("maxInWindow").asLong());
        out.put("stub_max_in_60s_letters", letterStats.path("maxInWindow").asLong());
        out.put("stub_max_in_60s_texts", smsStats.path("maxInWindow").asLong());
        out.put("letters_first_to_last_s", (letterStats.path("lastMs").asLong() - letterStats.path("firstMs").asLong()) / 1000.0);
        out.put("texts_first_to_last_s", (smsStats.path("lastMs").asLong() - smsStats.path("firstMs").asLong()) / 1000.0);
        out.put("letters_per_min_first_to_last", perMinute(lettersAccepted, letterStats));
        out.put("texts_per_min_first_to_last", perMinute(smsStats.path("accepted").asLong(), smsStats));

        // While both were going: the whole seconds from the later first acceptance to the earlier last one.
        TreeMap<Long, long[]> perSecond = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = timeline.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            perSecond.put(Long.parseLong(e.getKey()), new long[] {e.getValue().get(0).asLong(), e.getValue().get(2).asLong()});
        }
        long from = Math.max(letterStats.path("firstMs").asLong(), smsStats.path("firstMs").asLong()) / 1000 + 1;
        long to = Math.min(letterStats.path("lastMs").asLong(), smsStats.path("lastMs").asLong()) / 1000 - 1;
        long bothTexts = 0;
        long bothLetters = 0;
        for (long sec = from; sec <= to; sec++) {
            long[] n = perSecond.getOrDefault(sec, new long[2]);
            bothTexts += n[0];
            bothLetters += n[1];
        }
        double bothSeconds = Math.max(0, to - from + 1);
        out.put("both_going_s", bothSeconds);
        out.put("both_texts_per_min", bothSeconds > 0 ? bothTexts / bothSeconds * 60 : 0);
        out.put("both_letters_per_min", bothSeconds > 0 ? bothLetters / bothSeconds * 60 : 0);
        // Per minute of the run (whole minutes from the first acceptance), texts and letters.
        List<String> minutes = new ArrayList<>();
        if (!perSecond.isEmpty()) {
            long first = perSecond.firstKey();
            Map<Long, long[]> byMinute = new LinkedHashMap<>();
            perSecond.forEach((sec, n) -> {
                long[] m = byMinute.computeIfAbsent((sec - first) / 60, k -> new long[2]);
                m[0] += n[0];
                m[1] += n[1];
            });
            byMinute.forEach((m, n) -> minutes.add("min " + (m + 1) + ": " + n[0] + " texts, " + n[1] + " letters"));
        }
        var mins = out.putArray("per_minute");
        minutes.forEach(mins::add);
        Results.write(out);

        if (markdown != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(markdown), markdown(out));
        }
    }

    private static String markdown(ObjectNode o) {
        StringBuilder b = new StringBuilder();
        b.append("| figure | value |\n|---|---|\n");
        o.fields().forEachRemaining(e -> b.append("| ").append(e.getKey()).append(" | ")
                .append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()).append(" |\n"));
        return b.toString();
    }

    private static double perMinute(long n, JsonNode stats) {
        long ms = stats.path("lastMs").asLong() - stats.path("firstMs").asLong();
        return ms <= 0 ? 0 : n * 60_000.0 / ms;
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Results.JSON.readTree(r.body());
    }

    private static Map<String, Long> group(Connection c, String sql) throws Exception {
        Map<String, Long> m = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                m.put(r.getString(1), r.getLong(2));
            }
        }
        return m;
    }

    private static long count(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private LettersResult() {
    }
}
