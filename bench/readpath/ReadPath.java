import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * bench/readpath.sh's client: one endpoint, sequential requests, the first {@code warm} untimed, then {@code n} timed.
 * Each request takes the next path of {@code --paths} (a file, one path per line, shuffled with a fixed seed).
 * <ul>
 * <li>whole (default): from sending the request to the last byte of the body;</li>
 * <li>--ttfb: from sending the request to the first byte of the body (and, reported apart, to the first byte after
 * the first line: the first data row of a CSV); the response is then abandoned (the stream closed).</li>
 * </ul>
 * Prints one JSON line: name, n, p50/p95/max/mean in ms, the statuses seen, the last body's size in bytes.
 * java ReadPath.java --base http://127.0.0.1:28080 --name NAME --paths FILE [--n 100] [--warm 20] [--ttfb] [--label L]
 */
public class ReadPath {

    public static void main(String[] args) throws Exception {
        String base = null, name = null, pathsFile = null, label = "";
        int n = 100, warm = 20;
        boolean ttfb = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base" -> base = args[++i];
                case "--name" -> name = args[++i];
                case "--paths" -> pathsFile = args[++i];
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--warm" -> warm = Integer.parseInt(args[++i]);
                case "--ttfb" -> ttfb = true;
                case "--label" -> label = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<String> paths = new ArrayList<>(Files.readAllLines(Path.of(pathsFile)).stream().filter(s -> !s.isBlank()).toList());
        java.util.Collections.shuffle(paths, new Random(14));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        double[] times = new double[n];
        double[] rows = new double[n];
        int ok = 0, other = 0, lastStatus = 0;
        long lastBytes = 0;
        StringBuilder statuses = new StringBuilder();
        for (int i = 0; i < warm + n; i++) {
            String path = paths.get(i % paths.size());
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).GET().build();
            long t0 = System.nanoTime();
            double first = -1, row = -1;
            long bytes = 0;
            HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                byte[] buf = new byte[65536];
                if (ttfb) {
                    int b = in.read();
                    first = (System.nanoTime() - t0) / 1e6;
                    if (b >= 0) {
                        bytes = 1;
                        while (b >= 0 && b != '\n') {
                            b = in.read();
                            bytes++;
                        }
                        if (b >= 0 && in.read() >= 0) {
                            row = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                } else {
                    int r;
                    while ((r = in.read(buf)) >= 0) {
                        bytes += r;
                    }
                    first = (System.nanoTime() - t0) / 1e6;
                }
            }
            lastStatus = resp.statusCode();
            if (i >= warm) {
                times[i - warm] = first;
                rows[i - warm] = row;
                if (lastStatus / 100 == 2) {
                    ok++;
                    lastBytes = bytes;
                } else {
                    other++;
                    if (statuses.indexOf(" " + lastStatus) < 0) {
                        statuses.append(' ').append(lastStatus);
                    }
                }
            }
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        String rowStats = "";
        if (ttfb) {
            double[] rs = Arrays.stream(rows).filter(x -> x >= 0).sorted().toArray();
            if (rs.length > 0) {
                rowStats = String.format(Locale.ROOT, ",\"first_row_p50_ms\":%.1f,\"first_row_p95_ms\":%.1f,\"first_row_max_ms\":%.1f",
                        pct(rs, 50), pct(rs, 95), rs[rs.length - 1]);
            }
        }
        System.out.printf(Locale.ROOT,
                "{\"label\":\"%s\",\"name\":\"%s\",\"n\":%d,\"warm\":%d,\"ok\":%d,\"not_ok\":%d,\"not_ok_statuses\":\"%s\","
                        + "\"p50_ms\":%.1f,\"p95_ms\":%.1f,\"max_ms\":%.1f,\"mean_ms\":%.1f,\"bytes\":%d%s}%n",
                label, name, n, warm, ok, other, statuses.toString().strip(), pct(sorted, 50), pct(sorted, 95),
                sorted[n - 1], Arrays.stream(sorted).average().orElse(0), lastBytes, rowStats);
    }

    /** Nearest-rank percentile. */
    static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
