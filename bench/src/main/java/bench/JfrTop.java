package bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's CPU samples ({@code jdk.ExecutionSample}) as markdown: the hottest frames
 * (self), the hottest service frames (the first {@code cin.reminders} frame of each stack: inclusive), and
 * samples per thread (pool names with their numbers dropped).
 * <p>{@code bench.JfrTop file.jfr [rows]}
 */
public final class JfrTop {
    public static void main(String[] args) throws Exception {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> service = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Map<String, Long>> callers = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            total++;
            RecordedStackTrace st = e.getStackTrace();
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-"), 1L, Long::sum);
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = st.getFrames();
            String top = name(frames.get(0));
            self.merge(top, 1L, Long::sum);
            StringBuilder chain = new StringBuilder();
            for (int i = 1; i < Math.min(frames.size(), 6); i++) {
                chain.append(i == 1 ? "" : " ← ").append(shortName(frames.get(i)));
            }
            callers.computeIfAbsent(top, k -> new HashMap<>()).merge(chain.toString(), 1L, Long::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (!plumbing(n) && seen.add(n)) {
                    inclusive.merge(n, 1L, Long::sum);
                }
            }
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (n.startsWith("cin.reminders.")) {
                    service.merge(n, 1L, Long::sum);
                    break;
                }
            }
        }
        System.out.println("CPU samples (jdk.ExecutionSample): " + total + " in " + Path.of(args[0]).getFileName());
        table("Hottest frames (self)", self, total, rows);
        table("Hottest service frames (first cin.reminders frame of the stack, inclusive)", service, total, rows);
        table("Hottest methods anywhere on the stack (inclusive; reactive and event-loop plumbing left out)", inclusive, total, rows);
        table("Samples by thread", threads, total, 12);
        System.out.println();
        System.out.println("Callers of the hottest self frames (the next five frames down the stack):");
        System.out.println();
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6).forEach(en -> {
            System.out.printf("* `%s` (%d samples)%n", en.getKey(), en.getValue());
            callers.get(en.getKey()).entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                    .forEach(c -> System.out.printf("  * %d × `%s`%n", c.getValue(), c.getKey()));
        });
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** Frames every stack passes through (Mutiny, Vert.x, context propagation, lambdas, threads): no information. */
    static boolean plumbing(String n) {
        return n.startsWith("io.smallrye.mutiny.") || n.startsWith("io.vertx.core.") || n.startsWith("io.smallrye.context.")
                || n.startsWith("java.lang.invoke.") || n.contains("$$Lambda") || n.startsWith("io.netty.channel.")
                || n.startsWith("io.netty.util.concurrent.") || n.startsWith("java.lang.Thread.") || n.startsWith("java.util.concurrent.")
                || n.startsWith("io.smallrye.reactive.messaging.providers.") || n.startsWith("io.quarkus.vertx.core.")
                || n.startsWith("org.jboss.threads.") || n.startsWith("io.vertx.mutiny.") || n.startsWith("io.netty.handler.")
                || n.startsWith("io.smallrye.mutiny.vertx.");
    }

    static String shortName(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    static void table(String title, Map<String, Long> counts, long total, int rows) {
        System.out.println();
        System.out.println("| " + title + " | samples | % |");
        System.out.println("|---|---:|---:|");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(rows)
                .forEach(en -> System.out.printf("| `%s` | %d | %.1f |%n", en.getKey(), en.getValue(),
                        100.0 * en.getValue() / Math.max(1, total)));
    }
}
