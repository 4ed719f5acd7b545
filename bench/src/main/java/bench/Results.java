package bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One JSON line per measure and repetition, appended to the results file (read by {@link Report}). */
final class Results {
    static final ObjectMapper JSON = new ObjectMapper();

    private Results() {
    }

    static ObjectNode line(String measure) {
        ObjectNode n = JSON.createObjectNode();
        n.put("measure", measure);
        String rep = System.getenv("BENCH_REP");
        if (rep != null) {
            n.put("rep", Integer.parseInt(rep));
        }
        String rev = System.getenv("BENCH_REV"); // compare.sh: which build the line is about
        if (rev != null && !rev.isEmpty()) {
            n.put("rev", rev);
        }
        String variant = System.getenv("BENCH_VARIANT"); // run.sh: which JVM variant ran the service
        if (variant != null && !variant.isEmpty()) {
            n.put("variant", variant);
        }
        n.put("at", java.time.Instant.now().toString());
        return n;
    }

    static void write(ObjectNode n) throws IOException {
        String s = JSON.writeValueAsString(n);
        System.out.println(s);
        String file = System.getenv("BENCH_RESULTS");
        if (file != null) {
            Files.writeString(Path.of(file), s + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
