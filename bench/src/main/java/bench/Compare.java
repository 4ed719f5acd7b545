package bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The firing (or ingest) measure of two builds run alternately (bench/compare.sh): every run, the medians of each build,
 * B/A of the medians, and B/A pair by pair (run i of B against run i of A, which ran just before it), with the
 * machine's load average over each run. Reads the results (JSON lines labelled {@code rev} A or B) and the load
 * log ({@code epoch-seconds load1 load5 load15} every 5 s). Prints markdown.
 * <p>{@code --results FILE --load FILE --a NAME --b NAME [--measure firing|ingest]}
 */
public final class Compare {

    /** One firing run: its lines from the results, by measure. */
    record Run(String rev, int rep, Map<String, JsonNode> lines) {
        double num(String measure, String field) {
            JsonNode n = lines.get(measure);
            return n != null && n.has(field) && n.get(field).isNumber() ? n.get(field).asDouble() : Double.NaN;
        }
    }

    record Column(String title, int decimals, boolean ratio, Function<Run, Double> value) {
    }

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        Map<String, Run> runs = new LinkedHashMap<>(); // in the order they ran
        for (String line : Files.readAllLines(Path.of(a.require("results")))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Results.JSON.readTree(line);
            String rev = n.path("rev").asText("");
            int rep = n.path("rep").asInt(0);
            if (rev.isEmpty() || rep <= 0) {
                continue;
            }
            runs.computeIfAbsent(rev + rep, k -> new Run(rev, rep, new LinkedHashMap<>())).lines()
                    .put(n.get("measure").asText(), n);
        }
        List<double[]> load = new ArrayList<>();
        Path loadFile = Path.of(a.get("load", "/nonexistent"));
        if (Files.exists(loadFile)) {
            for (String l : Files.readAllLines(loadFile)) {
                String[] p = l.trim().split("\\s+");
                if (p.length >= 2) {
                    load.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
                }
            }
        }
        String nameA = a.get("a", "A");
        String nameB = a.get("b", "B");

        String measure = a.get("measure", "firing");
        List<Column> cols = measure.equals("ingest") ? List.of(
                new Column("events/s", 0, true, r -> r.num("ingest", "events_per_s")),
                new Column("seconds", 1, false, r -> r.num("ingest", "seconds")),
                new Column("ready s", 1, false, r -> r.num("startup_empty", "ready_ms") / 1000),
                new Column("service CPU s", 1, false, r -> r.num("ingest_cpu", "service_cpu_s")),
                new Column("PostgreSQL CPU s", 1, false, r -> r.num("ingest_cpu", "postgres_cpu_s")),
                // Per unit of work: what other users' load cannot inflate much (it stretches wall time, not our CPU).
                new Column("service CPU ms/1k events", 1, false, r -> r.num("ingest_cpu", "service_cpu_s") * 1e6 / r.num("ingest", "applied")),
                new Column("PostgreSQL CPU ms/1k events", 1, false, r -> r.num("ingest_cpu", "postgres_cpu_s") * 1e6 / r.num("ingest", "applied")),
                new Column("wall s (CPU interval)", 1, false, r -> r.num("ingest_cpu", "wall_s")),
                new Column("others' CPU s", 1, false, r -> r.num("ingest_cpu", "others_cpu_s")),
                new Column("peak RSS MiB", 0, false, r -> r.num("ingest_rss", "peak_rss_kib") / 1024),
                new Column("load1 mean", 1, false, r -> loadOver(load, r, false)),
                new Column("load1 max", 1, false, r -> loadOver(load, r, true))) : List.of(
                new Column("warm reminders/s", 0, true, r -> r.num("firing", "per_s")),
                new Column("warm p50 s", 2, false, r -> r.num("firing", "lateness_p50_s")),
                new Column("warm p99 s", 2, false, r -> r.num("firing", "lateness_p99_s")),
                new Column("warm max s", 2, false, r -> r.num("firing", "lateness_max_s")),
                new Column("cold reminders/s", 0, true, r -> r.num("firing", "cold_per_s")),
                new Column("cold p99 s", 2, false, r -> r.num("firing", "cold_lateness_p99_s")),
                new Column("ready s", 1, false, r -> r.num("startup_1m", "ready_ms") / 1000),
                new Column("RSS MiB", 0, false, r -> r.num("footprint", "rss_kib") / 1024),
                new Column("service CPU s", 1, false, r -> r.num("firing_cpu", "service_cpu_s")),
                new Column("PostgreSQL CPU s", 1, false, r -> r.num("firing_cpu", "postgres_cpu_s")),
                new Column("service CPU ms/1k reminders", 1, false, r -> r.num("firing_cpu", "service_cpu_s") * 1e6 / sentOf(r)),
                new Column("PostgreSQL CPU ms/1k reminders", 1, false, r -> r.num("firing_cpu", "postgres_cpu_s") * 1e6 / sentOf(r)),
                new Column("others' CPU s", 1, false, r -> r.num("firing_cpu", "others_cpu_s")),
                new Column("load1 mean", 1, false, r -> loadOver(load, r, false)),
                new Column("load1 max", 1, false, r -> loadOver(load, r, true)));

        StringBuilder out = new StringBuilder();
        out.append("- A = ").append(nameA).append("\n- B = ").append(nameB).append("\n\n");
        out.append("### Every run, in the order they ran\n\n");
        out.append("| run | build |");
        cols.forEach(c -> out.append(' ').append(c.title()).append(" |"));
        out.append("\n|---|---|");
        cols.forEach(c -> out.append("---:|"));
        out.append('\n');
        List<String> problems = new ArrayList<>();
        for (Run r : runs.values()) {
            out.append("| ").append(r.rep()).append(" | ").append(r.rev()).append(" |");
            cols.forEach(c -> out.append(' ').append(fmt(c.value().apply(r), c.decimals())).append(" |"));
            out.append('\n');
            if (measure.equals("ingest")) {
                JsonNode g = r.lines().get("ingest");
                if (g == null) {
                    problems.add(r.rev() + r.rep() + ": no ingest result");
                } else {
                    if (g.path("applied").asLong() != g.path("events").asLong()) {
                        problems.add(r.rev() + r.rep() + ": applied " + g.path("applied").asLong() + " of " + g.path("events").asLong());
                    }
                    if (g.path("dlq").asLong(0) != 0) {
                        problems.add(r.rev() + r.rep() + ": " + g.path("dlq").asLong() + " events dead-lettered");
                    }
                }
                continue;
            }
            JsonNode f = r.lines().get("firing");
            if (f == null) {
                problems.add(r.rev() + r.rep() + ": no firing result");
            } else {
                if (f.path("timed_out").asBoolean(false)) {
                    problems.add(r.rev() + r.rep() + ": timed out");
                }
                if (f.path("sent").asLong() != f.path("expected").asLong()) {
                    problems.add(r.rev() + r.rep() + ": sent " + f.path("sent").asLong() + " of " + f.path("expected").asLong());
                }
                // The cold figure is timed from T0 = T - 20 s: a service not ready by then has its start in it; a
                // warm-up burst still going at T shares the machine with the burst at T.
                double lead = r.num("compare_run", "lead_s");
                double ready = r.num("startup_1m", "ready_ms") / 1000;
                if (ready > lead - 20) {
                    problems.add(r.rev() + r.rep() + ": ready " + fmt(ready, 1) + " s after launch, after T0 (launch + "
                            + fmt(lead - 20, 0) + " s): its cold figure includes the start");
                }
                if (f.path("cold_lateness_max_s").asDouble(0) > 20) {
                    problems.add(r.rev() + r.rep() + ": the warm-up burst ended " + fmt(f.path("cold_lateness_max_s").asDouble() - 20, 1)
                            + " s after T (overlaps the burst at T)");
                }
                for (Iterator<String> it = f.path("statuses").fieldNames(); it.hasNext(); ) {
                    String s = it.next();
                    if (!s.equals("SENT")) {
                        problems.add(r.rev() + r.rep() + ": " + f.path("statuses").get(s).asLong() + " notices " + s);
                    }
                }
            }
        }

        List<Run> as = runs.values().stream().filter(r -> r.rev().equals("A")).toList();
        List<Run> bs = runs.values().stream().filter(r -> r.rev().equals("B")).toList();
        out.append("\n### Medians (").append(as.size()).append(" runs of A, ").append(bs.size()).append(" of B)\n\n");
        out.append("| figure | A | B | B/A |\n|---|---:|---:|---:|\n");
        for (Column c : cols) {
            Double ma = median(as, c);
            Double mb = median(bs, c);
            out.append("| ").append(c.title()).append(" | ").append(fmt(ma, c.decimals())).append(" | ")
                    .append(fmt(mb, c.decimals())).append(" | ")
                    .append(ma != null && mb != null && ma != 0 ? fmt(mb / ma, 3) : "n/a").append(" |\n");
        }

        out.append("\n### B/A pair by pair (run i of B against run i of A, which ran just before it)\n\n");
        List<Column> ratioCols = cols.stream().filter(Column::ratio).toList();
        out.append("| pair |");
        ratioCols.forEach(c -> out.append(" A ").append(c.title()).append(" | B ").append(c.title()).append(" | B/A |"));
        out.append("\n|---|");
        ratioCols.forEach(c -> out.append("---:|---:|---:|"));
        out.append('\n');
        Map<Column, List<Double>> pairRatios = new LinkedHashMap<>();
        for (Run ra : as) {
            Run rb = runs.get("B" + ra.rep());
            if (rb == null) {
                continue;
            }
            out.append("| ").append(ra.rep()).append(" |");
            for (Column c : ratioCols) {
                double va = c.value().apply(ra);
                double vb = c.value().apply(rb);
                double q = vb / va;
                if (Double.isFinite(q)) {
                    pairRatios.computeIfAbsent(c, k -> new ArrayList<>()).add(q);
                }
                out.append(' ').append(fmt(va, c.decimals())).append(" | ").append(fmt(vb, c.decimals())).append(" | ")
                        .append(fmt(q, 3)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
        for (Column c : ratioCols) {
            List<Double> q = new ArrayList<>(pairRatios.getOrDefault(c, List.of()));
            if (q.isEmpty()) {
                continue;
            }
            Collections.sort(q);
            out.append("- ").append(c.title()).append(", B/A pair by pair: median ").append(fmt(med(q), 3))
                    .append(", range ").append(fmt(q.get(0), 3)).append("–").append(fmt(q.get(q.size() - 1), 3))
                    .append(" (").append(q.size()).append(q.size() == 1 ? " pair)\n" : " pairs)\n");
        }
        if (!load.isEmpty()) {
            List<Double> l1 = new ArrayList<>(load.stream().map(x -> x[1]).toList());
            Collections.sort(l1);
            out.append("- load average (1 min) over the whole comparison: median ").append(fmt(med(l1), 1))
                    .append(", range ").append(fmt(l1.get(0), 1)).append("–").append(fmt(l1.get(l1.size() - 1), 1))
                    .append(" (").append(load.size()).append(" samples, every 5 s; 2 cores)\n");
        }
        if (!problems.isEmpty()) {
            out.append("\n**Check these runs:** ").append(String.join("; ", problems)).append('\n');
        }
        System.out.print(out);
    }

    /** Reminders the CPU interval covered: the burst at T and the warm-up burst (both are in the interval). */
    static double sentOf(Run r) {
        double due = r.num("firing", "sent");
        double warm = r.num("firing", "cold_sent");
        return due + (Double.isFinite(warm) ? warm : 0);
    }

    /** Mean (or max) of the 1-minute load average sampled while the run went on (service launch to its result). */
    static Double loadOver(List<double[]> load, Run r, boolean max) {
        double from = r.num("compare_run", "start_ms") / 1000;
        double to = r.num("compare_run", "end_ms") / 1000;
        double sum = 0;
        double top = Double.NaN;
        int n = 0;
        for (double[] s : load) {
            if (s[0] >= from && s[0] <= to) {
                sum += s[1];
                top = n == 0 ? s[1] : Math.max(top, s[1]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : max ? top : sum / n;
    }

    static Double median(List<Run> runs, Column c) {
        List<Double> v = new ArrayList<>();
        for (Run r : runs) {
            double x = c.value().apply(r);
            if (Double.isFinite(x)) {
                v.add(x);
            }
        }
        if (v.isEmpty()) {
            return null;
        }
        Collections.sort(v);
        return med(v);
    }

    static double med(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String fmt(Double d, int decimals) {
        return d == null || !Double.isFinite(d) ? "n/a" : String.format(Locale.UK, "%,." + decimals + "f", d);
    }
}
