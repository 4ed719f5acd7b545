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
import java.util.function.Function;

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

    /** The JVM variants (run.sh BENCH_VARIANTS), one figure column each; the first is the baseline. */
    List<String> variants = List.of("");
    /** The variant the "not lower than on 17" targets compare to: the first on JDK 17, else the first. */
    String base = "";

    boolean of(JsonNode n, String variant) {
        if (variant.isEmpty()) {
            return true;
        }
        // Lines without a variant (older results) belong to the first column.
        return n.has("variant") ? variant.equals(n.get("variant").asText()) : variant.equals(variants.get(0));
    }

    List<Double> runs(String measure, String field, String variant) {
        List<Double> out = new ArrayList<>();
        for (JsonNode n : byMeasure.getOrDefault(measure, List.of())) {
            if (of(n, variant) && n.has(field) && n.get(field).isNumber() && n.path("rep").asInt(1) > 0) {
                out.add(n.get(field).asDouble());
            }
        }
        return out;
    }

    Double median(String measure, String field, String variant) {
        List<Double> v = new ArrayList<>(runs(measure, field, variant));
        if (v.isEmpty()) {
            return null;
        }
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** The baseline variant's runs and median: what the side-by-side column and the non-JVM figures use. */
    List<Double> runs(String measure, String field) {
        return runs(measure, field, base);
    }

    Double median(String measure, String field) {
        return median(measure, field, base);
    }

    static String num(Double d, int decimals) {
        if (d == null) {
            return "n/a";
        }
        return String.format(Locale.UK, "%,." + decimals + "f", d);
    }

    static Double scaled(Double d, double scale) {
        return d == null ? null : d * scale;
    }

    String runsText(String measure, String field, int decimals, double scale) {
        return runsText(measure, field, decimals, scale, base);
    }

    String runsText(String measure, String field, int decimals, double scale, String variant) {
        List<String> s = new ArrayList<>();
        for (Double d : runs(measure, field, variant)) {
            s.add(num(d * scale, decimals));
        }
        return String.join(" / ", s);
    }

    /** A variant's cell: the median, then its runs when there is more than one. */
    Function<String, String> fig(String measure, String field, int decimals, double scale) {
        return v -> {
            List<Double> r = runs(measure, field, v);
            if (r.isEmpty()) {
                return "–";
            }
            String med = num(scaled(median(measure, field, v), scale), decimals);
            return r.size() == 1 ? med : med + " (" + runsText(measure, field, decimals, scale, v) + ")";
        };
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

    /** "Not lower than on 17": a variant's median against the baseline's; the baseline itself has no verdict here. */
    String notLower(String measure, String field, String v) {
        if (v.equals(base) || variants.size() < 2) {
            return "";
        }
        Double x = median(measure, field, v);
        Double b = median(measure, field, base);
        if (x == null || b == null) {
            return "n/a vs " + base;
        }
        return String.format(Locale.UK, x >= b ? "**met** vs %s (%.2f×)" : "**missed** vs %s (%.2f×)", base, x / b);
    }

    final StringBuilder summary = new StringBuilder();
    final StringBuilder table = new StringBuilder();

    /** A figure measured on every variant: a cell and a verdict each, and each variant's median ÷ the baseline's. */
    void vrow(String what, Function<String, String> cell, String target, Function<String, String> verdict, String sideBySide,
            String measure, String field) {
        List<String> cells = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        for (String v : variants) {
            String c = cell.apply(v);
            cells.add(c);
            String vd = c.equals("–") ? "" : verdict.apply(v);
            if (!vd.isEmpty()) {
                verdicts.add(variants.size() > 1 ? "`" + v + "`: " + vd : vd);
            }
            if (measure != null && !v.equals(base)) {
                Double r = ratio(median(measure, field, v), median(measure, field, base));
                if (r != null) {
                    ratios.add(String.format(Locale.UK, "%.2f (`%s`)", r, v));
                }
            }
        }
        String side = sideBySide;
        if (!ratios.isEmpty()) {
            side = "÷ `" + base + "`: " + String.join(", ", ratios) + (side.isEmpty() ? "" : "; " + side);
        }
        String verdictText = String.join("; ", verdicts);
        table.append("| ").append(what).append(" | ").append(String.join(" | ", cells)).append(" | ")
                .append(target).append(" | ").append(verdictText).append(" | ").append(side).append(" |\n");
        summary.append(String.format(Locale.UK, "%-62s", what.replace("**", "").replace("`", "")));
        for (String c : cells) {
            summary.append(String.format(Locale.UK, " %16s", c.replaceAll(" \\(.*", "")));
        }
        summary.append(String.format(Locale.UK, "   %-28s %s%n", target, verdictText.replace("**", "").replace("`", "")));
    }

    /** A figure of one measure and field on every variant. */
    void vrow(String what, String measure, String field, int decimals, double scale, String target, Function<String, String> verdict,
            String sideBySide) {
        vrow(what, fig(measure, field, decimals, scale), target, verdict, sideBySide, measure, field);
    }

    /** A figure that is not the JVM's (PostgreSQL, db-scheduler, the generator): measured with the baseline only. */
    void row(String what, String median, String runs, String target, String verdict, String sideBySide) {
        String cell = median.equals("n/a") ? "–" : runs.isEmpty() || !runs.contains("/") ? median : median + " (" + runs + ")";
        vrow(what, v -> v.equals(base) ? cell : "–", target, v -> v.equals(base) ? verdict : "", sideBySide, null, null);
    }

    /** The baseline's name in the side by side column: the service when there are no variants. */
    String bl() {
        return base.isEmpty() ? "service" : "`" + base + "`";
    }

    String inBase() {
        return base.isEmpty() ? "" : " (`" + base + "`)";
    }

    static String prefixed(String s) {
        return s.isEmpty() ? "" : "; " + s;
    }

    static Function<String, String> none() {
        return v -> "";
    }

    String render(Properties m, List<Double> load, Path profiles) throws Exception {
        int reps = Integer.parseInt(m.getProperty("reps", "1"));
        if (!m.getProperty("variants", "").isBlank()) {
            variants = List.of(m.getProperty("variants").trim().split("\\s+"));
            base = variants.stream().filter(v -> v.equals("17") || v.startsWith("17-")).findFirst().orElse(variants.get(0));
        }
        table.append("| figure | ");
        for (String v : variants) {
            table.append(v.isEmpty() ? "median" : "`" + v + "`").append(" | ");
        }
        table.append("target | verdict | side by side |\n|---|").append("---:|".repeat(variants.size())).append("---|---|---|\n");

        // 1. Ingest
        Double ingest = median("ingest", "events_per_s");
        Double b1 = median("raw_insert", "batch1_events_per_s");
        Double b4 = median("raw_insert", "batch4_events_per_s");
        Double cp = median("raw_insert", "copy_events_per_s");
        vrow("**1. Ingest**: events/s, first batch → last obligation committed", "ingest", "events_per_s", 0, 1,
                "≥ 20,000 events/s" + (variants.size() > 1 ? "; not lower than on 17" : ""),
                v -> atLeast(median("ingest", "events_per_s", v), 20_000) + prefixed(notLower("ingest", "events_per_s", v)),
                bl() + " ÷ raw: " + num(ratio(ingest, b1), 2) + " (batch 1 conn), " + num(ratio(ingest, b4), 2)
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
        vrow("events dead-lettered (case-events.dlq)", fig("ingest", "dlq", 0, 1), "0",
                v -> median("ingest", "dlq", v) == null ? "n/a" : median("ingest", "dlq", v) == 0 ? "ok" : "**not 0**", "", null, null);
        vrow("Kafka produce rate of the generator (events/s, 6 partitions, lz4, acks=all)", fig("produce", "events_per_s", 0, 1), "", none(),
                "notes: ~185,000 rec/s for 400-byte records; the generator runs on the default java whatever the variant", null, null);

        // 2. Firing
        Double dbsLf = median("dbscheduler_lock_and_fetch", "per_s");
        Double dbsDef = median("dbscheduler_default", "per_s");
        vrow("**2. Firing**: reminders/s, due (T) → rendered and handed to the channel (SENT), warm service", "firing", "per_s", 0, 1,
                "≥ 15,000/s and ≥ 2× db-scheduler" + (variants.size() > 1 ? "; not lower than on 17" : ""),
                v -> {
                    Double fire = median("firing", "per_s", v);
                    return atLeast(fire, 15_000) + "; "
                            + (dbsLf == null ? "n/a" : fire != null && fire >= 2 * dbsLf ? "**met** vs db-scheduler" : "**missed** vs db-scheduler")
                            + prefixed(notLower("firing", "per_s", v));
                },
                bl() + " ÷ db-scheduler lock-and-fetch: " + num(ratio(median("firing", "per_s"), dbsLf), 2) + "; ÷ default: "
                        + num(ratio(median("firing", "per_s"), dbsDef), 2));
        vrow("lateness p50 (s after T)", "firing", "lateness_p50_s", 2, 1, "", none(), "");
        vrow("lateness p99 (s after T) of the 100k burst at 08:30", "firing", "lateness_p99_s", 2, 1, "< 1 s",
                v -> below(median("firing", "lateness_p99_s", v), 1.0), "");
        vrow("lateness max (s after T) = time to send all", "firing", "lateness_max_s", 2, 1, "", none(), "");
        vrow("cold: the warm-up burst, the first work after start (reminders/s; lateness p99 s)",
                v -> runs("firing", "cold_per_s", v).isEmpty() ? "–"
                        : fig("firing", "cold_per_s", 0, 1).apply(v) + "; " + num(median("firing", "cold_lateness_p99_s", v), 2),
                "", none(), "burst of " + runsText("firing", "cold_sent", 0, 1) + "; " + bl() + " ÷ db-scheduler lock-and-fetch: "
                        + num(ratio(median("firing", "cold_per_s"), dbsLf), 2), "firing", "cold_per_s");
        row("db-scheduler 16.12, lock-and-fetch (1.0, 4.0), 10 threads: executions/s", num(dbsLf, 0),
                runsText("dbscheduler_lock_and_fetch", "per_s", 0, 1), "baseline (notes: ~7,100)", "", "same due count, same database");
        row("db-scheduler 16.12, default polling, 10 threads: executions/s", num(dbsDef, 0),
                runsText("dbscheduler_default", "per_s", 0, 1), "baseline (notes: ~3,400)", "", "");
        vrow("SMTP delivery: messages/s arriving at the SMTP sink (first → last)", "smtp", "sink_per_s", 0, 1, "(measured separately)", none(),
                "messages at the sink: " + runsText("smtp", "sink_count", 0, 1));
        vrow("SMTP run: reminders/s T → SENT; lateness p99 (s)",
                v -> runs("smtp", "per_s", v).isEmpty() ? "–" : fig("smtp", "per_s", 0, 1).apply(v) + "; " + num(median("smtp", "lateness_p99_s", v), 1),
                "", none(), "", null, null);

        // 3. Pacing
        vrow("**3. Notify pacing**: SMS accepted per minute by the stub (first → last)", "pacing", "notify_per_min", 0, 1, "3,000/min (not above)",
                v -> {
                    Double perMin = median("pacing", "notify_per_min", v);
                    return perMin == null ? "n/a" : perMin <= 3000 && perMin >= 2850 ? "**met**" : "**missed**";
                }, "most in any rolling 60 s: " + runsText("pacing", "notify_max_in_window", 0, 1));
        vrow("429 RateLimitError answers", "pacing", "notify_429", 0, 1, "0",
                v -> median("pacing", "notify_429", v) == null ? "n/a" : median("pacing", "notify_429", v) == 0 ? "**met**" : "**missed**",
                "SMS sent: " + runsText("pacing", "sms_sent", 0, 1));

        // 4. Footprint and start, per variant
        String pendingN = m.getProperty("sizes", "").replaceAll(".*obligations=(\\d+).*", "$1");
        String pending = pendingN.equals("1000000") ? "1M" : pendingN;
        vrow("**4. Footprint**: RSS at " + pending + " pending, settled (MiB)", "footprint", "rss_kib", 0, 1 / 1024.0, "< 250 MiB",
                v -> below(scaled(median("footprint", "rss_kib", v), 1 / 1024.0), 250), "heap -Xmx" + m.getProperty("xmx"));
        vrow("peak RSS during the firing run (MiB)", "firing_rss", "peak_rss_kib", 0, 1 / 1024.0, "", none(), "");
        vrow("peak RSS during ingest (MiB)", "ingest_rss", "peak_rss_kib", 0, 1 / 1024.0, "", none(), "");
        vrow("JVM start (at " + pending + " pending): launch → /q/health/ready 200 (s)", "startup_1m", "ready_ms", 2, 1 / 1000.0, "< 1 s",
                v -> below(scaled(median("startup_1m", "ready_ms", v), 1 / 1000.0), 1.0), "");
        vrow("JVM start (at " + pending + " pending): launch → \"started in\" log line (s)", "startup_1m", "started_ms", 2, 1 / 1000.0, "< 2 s",
                v -> below(scaled(median("startup_1m", "started_ms", v), 1 / 1000.0), 2.0),
                "Quarkus' own \"started in\"" + inBase() + ": " + runsText("startup_1m", "quarkus_s", 2, 1) + " s");
        vrow("JVM start (empty database): launch → /q/health/ready 200 (s)", "startup_empty", "ready_ms", 2, 1 / 1000.0, "< 1 s",
                v -> below(scaled(median("startup_empty", "ready_ms", v), 1 / 1000.0), 1.0), "");
        vrow("JVM start (empty database): launch → \"started in\" (s)", "startup_empty", "started_ms", 2, 1 / 1000.0, "< 2 s",
                v -> below(scaled(median("startup_empty", "started_ms", v), 1 / 1000.0), 2.0),
                "Quarkus' own" + inBase() + ": " + runsText("startup_empty", "quarkus_s", 2, 1) + " s");

        for (String[] cpu : new String[][] {{"ingest_cpu", "ingest"}, {"firing_cpu", "firing"}, {"smtp_cpu", "SMTP firing"}}) {
            boolean any = variants.stream().anyMatch(v -> median(cpu[0], "wall_s", v) != null && median(cpu[0], "wall_s", v) != 0);
            if (!any) {
                continue;
            }
            vrow("CPU during " + cpu[1] + ": cores busy, service / PostgreSQL / Kafka / everything else on the machine",
                    v -> {
                        Double wall = median(cpu[0], "wall_s", v);
                        if (wall == null || wall == 0) {
                            return "–";
                        }
                        return num(median(cpu[0], "service_cpu_s", v) / wall, 2) + " / " + num(median(cpu[0], "postgres_cpu_s", v) / wall, 2)
                                + " / " + num(median(cpu[0], "kafka_cpu_s", v) / wall, 2) + " / " + num(median(cpu[0], "others_cpu_s", v) / wall, 2)
                                + " (" + num(wall, 0) + " s)";
                    },
                    "of " + m.getProperty("cores", "?") + " cores", none(), "medians of CPU seconds ÷ median wall seconds (in brackets); "
                            + "'everything else' includes other users of the machine", null, null);
        }

        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Generated by `").append(m.getProperty("command")).append("` (bench/run.sh, bench/README.md) on ")
                .append(m.getProperty("started")).append(" – ").append(m.getProperty("finished", "?")).append(". ")
                .append(reps == 1 ? "One run of each measure" : "Each measure run " + reps + " times")
                .append(" (a fresh database and fresh topics every time); the figure quoted is the median, the runs are listed.")
                .append(variants.size() > 1 ? " The JVM variants side by side, one column each, run alternately within each repetition;"
                        + " smtp, db-scheduler, pacing and the profiles on `" + variants.get(0) + "` only." : "")
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
        for (String v : variants) {
            if (v.isEmpty()) {
                continue;
            }
            md.append("| variant `").append(v).append("` | ").append(m.getProperty("variant." + v + ".jdk", "?")).append("; `java ")
                    .append(m.getProperty("variant." + v + ".opts", "?")).append(" -jar target/")
                    .append(m.getProperty("variant." + v + ".app", "quarkus-app")).append("/quarkus-run.jar`")
                    .append(m.containsKey("variant." + v + ".archive") ? "; archive " + m.getProperty("variant." + v + ".archive") : "")
                    .append(" |\n");
        }
        if (variants.get(0).isEmpty()) { // results of a suite from before the variants
            md.append("| service | `java -Xmx").append(m.getProperty("xmx")).append(" ").append(m.getProperty("jvm_opts", ""))
                    .append("1".equals(m.getProperty("cds")) ? " -XX:SharedArchiveFile=bench/out/app-cds.jsa" : "")
                    .append(" -jar target/quarkus-app/quarkus-run.jar` (Quarkus 3.34.1, JVM mode")
                    .append("1".equals(m.getProperty("cds")) ? "; the class-data-sharing archive from one training start of the same build" : "")
                    .append(") |\n");
        } else {
            md.append("| service | Quarkus 3.34.1, JVM mode, the same build (`--release 17`) on every variant: `target/quarkus-app` (the packaging application.properties names), or `target/quarkus-app-fast-jar` / `target/quarkus-app-aot-jar` for the `fastjar` / `aotjar` variants; each archive (")
                    .append("`cds`: `-XX:ArchiveClassesAtExit`, `aot`: `-XX:AOTCacheOutput`) from a training run of its own variant (")
                    .append("workload".equals(m.getProperty("training", "workload"))
                            ? "start, 20,000 events ingested, a firing burst of 5,000" : "start only")
                    .append("); \"used\": classes loaded from it at a start (`-Xlog:class+load`) |\n");
        }
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
