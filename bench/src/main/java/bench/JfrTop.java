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
            self.merge(name(frames.get(0)), 1L, Long::sum);
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
        table("Samples by thread", threads, total, 12);
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
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
