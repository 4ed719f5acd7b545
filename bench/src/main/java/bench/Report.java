package bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns the results (one JSON line per measure and repetition) into the summary table (printed) and
 * BENCHMARKS.md: the machine, the command, every figure with its runs, its median, its target and its
 * side-by-side baseline, and the ratios.
 * <p>{@code --results FILE --machine FILE --load FILE --profiles DIR --out BENCHMARKS.md}
 */
public final class Report {
    final Map<String, List<JsonNode>> byMeasure = new LinkedHashMap<>();

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        Report r = new Report();
        for (String line : Files.readAllLines(Path.of(a.require("results")))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Results.JSON.readTree(line);
            r.byMeasure.computeIfAbsent(n.get("measure").asText(), k -> new ArrayList<>()).add(n);
        }
        Properties machine = new Properties();
        machine.load(new StringReader(Files.readString(Path.of(a.require("machine")))));
        List<Double> load = new ArrayList<>();
        Path loadFile = Path.of(a.get("load", "/nonexistent"));
        if (Files.exists(loadFile)) {
            for (String l : Files.readAllLines(loadFile)) {
                String[] p = l.trim().split("\\s+");
                if (p.length >= 2) {
                    load.add(Double.parseDouble(p[1]));
                }
            }
        }
        String md = r.render(machine, load, Path.of(a.get("profiles", ".")));
        Files.writeString(Path.of(a.require("out")), md);
        System.out.println(r.summary);
        System.out.println("Written: " + a.require("out"));
    }

    // ---- figures -----------------------------------------------------------------------------------------

    List<Double> runs(String measure, String field) {
        List<Double> out = new ArrayList<>();
        for (JsonNode n : byMeasure.getOrDefault(measure, List.of())) {
            if (n.has(field) && n.get(field).isNumber() && n.path("rep").asInt(1) > 0) {
                out.add(n.get(field).asDouble());
            }
        }
        return out;
    }

    Double median(String measure, String field) {
        List<Double> v = new ArrayList<>(runs(measure, field));
        if (v.isEmpty()) {
            return null;
        }
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static String num(Double d, int decimals) {
        if (d == null) {
            return "n/a";
        }
        return String.format(Locale.UK, "%,." + decimals + "f", d);
    }

    String runsText(String measure, String field, int decimals, double scale) {
        List<String> s = new ArrayList<>();
        for (Double d : runs(measure, field)) {
            s.add(num(d * scale, decimals));
        }
        return String.join(" / ", s);
    }

    static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    static String atLeast(Double v, double target) {
        if (v == null) {
            return "n/a";
        }
        return v >= target ? String.format(Locale.UK, "**met** (%.2f× the target)", v / target)
                : String.format(Locale.UK, "**missed** by %.0f %% (%.2f× the target)", 100 * (1 - v / target), v / target);
    }

    static String below(Double v, double target) {
        if (v == null) {
            return "n/a";
        }
        return v < target ? String.format(Locale.UK, "**met** (%.2f× the limit)", v / target)
                : String.format(Locale.UK, "**missed**: %.2f× the limit", v / target);
    }

    final StringBuilder summary = new StringBuilder();
    final StringBuilder table = new StringBuilder();

    void row(String what, String median, String runs, String target, String verdict, String sideBySide) {
        table.append("| ").append(what).append(" | ").append(median).append(" | ").append(runs).append(" | ")
                .append(target).append(" | ").append(verdict).append(" | ").append(sideBySide).append(" |\n");
        summary.append(String.format(Locale.UK, "%-62s %16s   %-28s %s%n", what.replace("**", "").replace("`", ""), median,
                target, verdict.replace("**", "")));
    }

    String render(Properties m, List<Double> load, Path profiles) throws Exception {
        int reps = Integer.parseInt(m.getProperty("reps", "1"));
        table.append("| figure | median | runs | target | verdict | side by side |\n|---|---:|---|---|---|---|\n");

        // 1. Ingest
        Double ingest = median("ingest", "events_per_s");
        Double b1 = median("raw_insert", "batch1_events_per_s");
        Double b4 = median("raw_insert", "batch4_events_per_s");
        Double cp = median("raw_insert", "copy_events_per_s");
        row("**1. Ingest**: events/s, first batch → last obligation committed", num(ingest, 0),
                runsText("ingest", "events_per_s", 0, 1), "≥ 20,000 events/s", atLeast(ingest, 20_000),
                "service ÷ raw: " + num(ratio(ingest, b1), 2) + " (batch 1 conn), " + num(ratio(ingest, b4), 2)
                        + " (batch 4 conn), " + num(ratio(ingest, cp), 2) + " (COPY)");
        row("PostgreSQL raw insert of the same rows, JDBC batches of 1000, 1 connection: rows/s", num(median("raw_insert", "batch1_rows_per_s"), 0),
                runsText("raw_insert", "batch1_rows_per_s", 0, 1), "baseline (notes: ~84,000)", "",
                "= " + num(b1, 0) + " events/s at the service's rows per event");
        row("… 4 connections: rows/s", num(median("raw_insert", "batch4_rows_per_s"), 0),
                runsText("raw_insert", "batch4_rows_per_s", 0, 1), "baseline (notes: ~144,000)", "", "= " + num(b4, 0) + " events/s");
        row("… COPY: rows/s", num(median("raw_insert", "copy_rows_per_s"), 0),
                runsText("raw_insert", "copy_rows_per_s", 0, 1), "baseline (notes: ~160,000)", "", "= " + num(cp, 0) + " events/s");
        row("rows the service wrote per event (all tables)", num(median("raw_insert", "rows_per_event"), 2),
                runsText("raw_insert", "rows_per_event", 2, 1), "", "", "");
        row("events dead-lettered (case-events.dlq)", num(median("ingest", "dlq"), 0), runsText("ingest", "dlq", 0, 1), "0",
                median("ingest", "dlq") == null ? "n/a" : median("ingest", "dlq") == 0 ? "ok" : "**not 0**", "");
        row("Kafka produce rate of the generator (events/s, 6 partitions, lz4, acks=all)", num(median("produce", "events_per_s"), 0),
                runsText("produce", "events_per_s", 0, 1), "", "", "notes: ~185,000 rec/s for 400-byte records");

        // 2. Firing
        Double fire = median("firing", "per_s");
        Double dbsLf = median("dbscheduler_lock_and_fetch", "per_s");
        Double dbsDef = median("dbscheduler_default", "per_s");
        Double p99 = median("firing", "lateness_p99_s");
        row("**2. Firing**: reminders/s, due (T) → rendered and handed to the channel (SENT), warm service", num(fire, 0),
                runsText("firing", "per_s", 0, 1), "≥ 15,000/s and ≥ 2× db-scheduler",
                atLeast(fire, 15_000) + "; " + (dbsLf == null ? "n/a" : fire != null && fire >= 2 * dbsLf ? "**met** vs db-scheduler" : "**missed** vs db-scheduler"),
                "service ÷ db-scheduler lock-and-fetch: " + num(ratio(fire, dbsLf), 2) + "; ÷ default: " + num(ratio(fire, dbsDef), 2));
        row("lateness p50 (s after T)", num(median("firing", "lateness_p50_s"), 2), runsText("firing", "lateness_p50_s", 2, 1), "", "", "");
        row("lateness p99 (s after T)", num(p99, 2), runsText("firing", "lateness_p99_s", 2, 1), "< 1 s", below(p99, 1.0), "");
        row("lateness max (s after T) = time to send all", num(median("firing", "lateness_max_s"), 2), runsText("firing", "lateness_max_s", 2, 1), "", "", "");
        Double cold = median("firing", "cold_per_s");
        row("cold: the warm-up burst, the first work after start (reminders/s; lateness p99 s)",
                num(cold, 0) + "; " + num(median("firing", "cold_lateness_p99_s"), 2),
                runsText("firing", "cold_per_s", 0, 1), "", "",
                "burst of " + runsText("firing", "cold_sent", 0, 1) + "; service ÷ db-scheduler lock-and-fetch: " + num(ratio(cold, dbsLf), 2));
        row("db-scheduler 16.12, lock-and-fetch (1.0, 4.0), 10 threads: executions/s", num(dbsLf, 0),
                runsText("dbscheduler_lock_and_fetch", "per_s", 0, 1), "baseline (notes: ~7,100)", "", "same due count, same database");
        row("db-scheduler 16.12, default polling, 10 threads: executions/s", num(dbsDef, 0),
                runsText("dbscheduler_default", "per_s", 0, 1), "baseline (notes: ~3,400)", "", "");
        row("SMTP delivery: messages/s arriving at the SMTP sink (first → last)", num(median("smtp", "sink_per_s"), 0),
                runsText("smtp", "sink_per_s", 0, 1), "(measured separately)", "", "messages at the sink: " + runsText("smtp", "sink_count", 0, 1));
        row("SMTP run: reminders/s T → SENT; lateness p99 (s)", num(median("smtp", "per_s"), 0) + "; " + num(median("smtp", "lateness_p99_s"), 1),
                runsText("smtp", "per_s", 0, 1), "", "", "");

        // 3. Pacing
        Double perMin = median("pacing", "notify_per_min");
        Double tooMany = median("pacing", "notify_429");
        row("**3. Notify pacing**: SMS accepted per minute by the stub (first → last)", num(perMin, 0),
                runsText("pacing", "notify_per_min", 0, 1), "3,000/min (not above)",
                perMin == null ? "n/a" : perMin <= 3000 && perMin >= 2850 ? "**met**" : "**missed**",
                "most in any rolling 60 s: " + runsText("pacing", "notify_max_in_window", 0, 1));
        row("429 RateLimitError answers", num(tooMany, 0), runsText("pacing", "notify_429", 0, 1), "0",
                tooMany == null ? "n/a" : tooMany == 0 ? "**met**" : "**missed**", "SMS sent: " + runsText("pacing", "sms_sent", 0, 1));

        // 4. Footprint
        Double rss = median("footprint", "rss_kib");
        Double rssMib = rss == null ? null : rss / 1024;
        Double started = median("startup_1m", "started_ms");
        String pendingN = m.getProperty("sizes", "").replaceAll(".*obligations=(\\d+).*", "$1");
        String pending = pendingN.equals("1000000") ? "1M" : pendingN;
        row("**4. Footprint**: RSS at " + m.getProperty("sizes", "").replaceAll(".*obligations=(\\d+).*", "$1") + " pending, settled (MiB)",
                num(rssMib, 0), runsText("footprint", "rss_kib", 0, 1 / 1024.0), "< 300 MiB", below(rssMib, 300), "heap -Xmx" + m.getProperty("xmx"));
        row("peak RSS during the firing run (MiB)", num(median("firing_rss", "peak_rss_kib") == null ? null : median("firing_rss", "peak_rss_kib") / 1024, 0),
                runsText("firing_rss", "peak_rss_kib", 0, 1 / 1024.0), "", "", "during ingest: "
                        + num(median("ingest_rss", "peak_rss_kib") == null ? null : median("ingest_rss", "peak_rss_kib") / 1024, 0) + " MiB");
        row("JVM start (at " + pending + " pending): launch → \"started in\" log line (s)", num(started == null ? null : started / 1000, 2),
                runsText("startup_1m", "started_ms", 2, 1 / 1000.0), "< 2 s", below(started == null ? null : started / 1000, 2.0),
                "Quarkus' own \"started in\": " + runsText("startup_1m", "quarkus_s", 2, 1) + " s");
        row("JVM start (at " + pending + " pending): launch → /q/health/ready 200 (s)", num(median("startup_1m", "ready_ms") == null ? null : median("startup_1m", "ready_ms") / 1000, 2),
                runsText("startup_1m", "ready_ms", 2, 1 / 1000.0), "", "", "");
        Double emptyStarted = median("startup_empty", "started_ms");
        row("JVM start (empty database): launch → \"started in\" (s)", num(emptyStarted == null ? null : emptyStarted / 1000, 2),
                runsText("startup_empty", "started_ms", 2, 1 / 1000.0), "< 2 s", below(emptyStarted == null ? null : emptyStarted / 1000, 2.0),
                "Quarkus' own: " + runsText("startup_empty", "quarkus_s", 2, 1) + " s; ready: " + runsText("startup_empty", "ready_ms", 2, 1 / 1000.0) + " s");

        for (String[] cpu : new String[][] {{"ingest_cpu", "ingest"}, {"firing_cpu", "firing"}, {"smtp_cpu", "SMTP firing"}}) {
            Double wall = median(cpu[0], "wall_s");
            if (wall == null || wall == 0) {
                continue;
            }
            row("CPU during " + cpu[1] + ": cores busy, service / PostgreSQL / Kafka / everything else on the machine",
                    num(median(cpu[0], "service_cpu_s") / wall, 2) + " / " + num(median(cpu[0], "postgres_cpu_s") / wall, 2) + " / "
                            + num(median(cpu[0], "kafka_cpu_s") / wall, 2) + " / " + num(median(cpu[0], "others_cpu_s") / wall, 2),
                    "", "of " + m.getProperty("cores", "?") + " cores", "", "medians of CPU seconds ÷ median wall seconds ("
                            + num(wall, 0) + " s); 'everything else' includes other users of the machine");
        }

        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Generated by `").append(m.getProperty("command")).append("` (bench/run.sh, bench/README.md) on ")
                .append(m.getProperty("started")).append(" – ").append(m.getProperty("finished", "?")).append(". ")
                .append(reps == 1 ? "One run of each measure" : "Each measure run " + reps + " times")
                .append(" (a fresh database and fresh topics every time); the figure quoted is the median, the runs are listed.")
                .append(Boolean.parseBoolean(m.getProperty("quick")) ? " **Quick mode: scaled-down sizes, not quotable.**" : "")
                .append("\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        for (String k : List.of("cores", "ram", "cpu", "kernel", "jdk", "postgres", "kafka")) {
            md.append("| ").append(k).append(" | ").append(m.getProperty(k, "?")).append(" |\n");
        }
        Collections.sort(load);
        md.append("| load average (1 min) while the suite ran | ");
        if (!load.isEmpty()) {
            md.append(String.format(Locale.UK, "min %.2f, median %.2f, max %.2f (sampled every 5 s; before the suite: %s)",
                    load.get(0), load.get(load.size() / 2), load.get(load.size() - 1), m.getProperty("load_before")));
        }
        md.append(" |\n| sizes | ").append(m.getProperty("sizes")).append(" |\n");
        md.append("| service | `java -Xmx").append(m.getProperty("xmx")).append(" ").append(m.getProperty("jvm_opts", ""))
                .append("1".equals(m.getProperty("cds")) ? " -XX:SharedArchiveFile=bench/out/app-cds.jsa" : "")
                .append(" -jar target/quarkus-app/quarkus-run.jar` (Quarkus 3.34.1, JVM mode")
                .append("1".equals(m.getProperty("cds")) ? "; the class-data-sharing archive from one training start of the same build" : "")
                .append(") |\n");
        md.append("| suite duration | ").append(m.getProperty("suite_seconds", "?")).append(" s |\n\n");
        md.append("## Results\n\n").append(table).append('\n');
        Path findings = Path.of(System.getProperty("bench.findings", "bench/FINDINGS.md"));
        if (Files.exists(findings)) {
            md.append(Files.readString(findings)).append('\n');
        }
        md.append(Files.readString(Path.of(System.getProperty("bench.notes", "bench/NOTES.md"))));
        for (String p : List.of("profile-ingest.md", "profile-firing.md")) {
            Path f = profiles.resolve(p);
            if (Files.exists(f)) {
                md.append("\n### Profile: ").append(p.contains("ingest") ? "ingest" : "firing").append(" (JFR, a separate run not counted in the figures)\n\n")
                        .append(Files.readString(f)).append('\n');
            }
        }
        md.append("\n## Every run (raw results, one JSON line per measure and run)\n\n```\n");
        for (List<JsonNode> l : byMeasure.values()) {
            for (JsonNode n : l) {
                md.append(Results.JSON.writeValueAsString(n)).append('\n');
            }
        }
        md.append("```\n");
        return md.toString();
    }
}
