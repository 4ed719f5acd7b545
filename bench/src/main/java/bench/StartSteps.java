package bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a start spends the main thread's CPU: a JFR recording of a start (dumped once the service is ready) read as
 * the main thread's CPU samples by the Quarkus start-up step on their stack, as markdown. A step is a recorded build
 * step's {@code deploy} ({@code io.quarkus.runner.recorded.*}); inside the start-up event, the observer
 * ({@code *_Observer_*}); before any step, "bootstrap" (class loading, configuration, the container). Start-up is
 * mostly the main thread's: the other threads' samples are summed apart.
 * <p>{@code bench.StartSteps file.jfr ...} (several recordings of the same start: their samples summed)
 */
public final class StartSteps {

    private static final String RECORDED = "io.quarkus.runner.recorded.";

    public static void main(String[] args) throws Exception {
        Map<String, Long> steps = new HashMap<>();
        long[] counts = new long[2]; // main-thread samples, other threads' samples
        for (String file : args) {
            read(Path.of(file), steps, counts);
        }
        long total = counts[0];
        System.out.printf("Main-thread CPU samples: %d (other threads: %d) in %d recording(s), one every 10 ms of CPU%n%n",
                total, counts[1], args.length);
        System.out.println("| start-up step (main thread) | samples | share |");
        System.out.println("|---|---:|---:|");
        steps.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(en ->
                System.out.printf("| %s | %d | %.0f %% |%n", en.getKey(), en.getValue(), 100.0 * en.getValue() / total));
    }

    private static void read(Path file, Map<String, Long> steps, long[] counts) throws java.io.IOException {
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            if (!"main".equals(thread)) {
                counts[1]++;
                continue;
            }
            counts[0]++;
            steps.merge(step(e.getStackTrace().getFrames()), 1L, Long::sum);
        }
    }

    /** The outermost recorded step on the stack (the observer, for the start-up event); frames are innermost first. */
    static String step(List<RecordedFrame> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            String type = frames.get(i).getMethod().getType().getName();
            if (type.startsWith(RECORDED)) {
                String step = type.substring(RECORDED.length()).replaceAll("\\d+$", "");
                if (step.startsWith("LifecycleEventsBuildStep$startupEvent")) {
                    for (int j = i - 1; j >= 0; j--) {
                        String inner = frames.get(j).getMethod().getType().getName();
                        if (inner.contains("_Observer_")) {
                            return "start-up event: " + inner.replaceAll("_Observer_.*", "").replaceAll(".*\\.", "");
                        }
                    }
                }
                return step.replace('$', '.');
            }
        }
        return "bootstrap (class loading, configuration, container)";
    }
}
