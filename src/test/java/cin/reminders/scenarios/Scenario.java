package cin.reminders.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One acceptance scenario (src/test/resources/scenarios, copied from shared/scenarios): the
 * events of a case, the instant the clock starts at, and the obligations expected.
 */
public record Scenario(String name, String authority, String caseId, Instant clockStart, List<JsonNode> events,
                       List<Row> expected, List<String> cancelledKinds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a scenario compares: kind, due date and status, as a multiset. */
    public record Row(String kind, String dueDate, String status) {
        @Override
        public String toString() {
            return kind + "@" + dueDate + ":" + status;
        }
    }

    public LocalDate today() {
        return clockStart.atZone(ZoneId.of("Europe/London")).toLocalDate();
    }

    public static List<Scenario> all() {
        try {
            Path dir = Path.of(Scenario.class.getClassLoader().getResource("scenarios").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.toString().endsWith(".json")).sorted().map(Scenario::read).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Scenario read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<JsonNode> events = new ArrayList<>();
            root.get("events").forEach(events::add);
            List<Row> expected = new ArrayList<>();
            root.path("expect").path("obligations").forEach(o -> expected.add(new Row(o.get("kind").asText(),
                    o.get("dueDate").isNull() ? null : o.get("dueDate").asText(), o.get("status").asText())));
            List<String> cancelled = new ArrayList<>();
            root.path("expect").path("cancelledKinds").forEach(k -> cancelled.add(k.asText()));
            return new Scenario(root.get("name").asText(), root.get("authority").asText(), root.get("caseId").asText(),
                    Instant.parse(root.get("clockStart").asText()), events, expected, cancelled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Multiset equality of rows, order ignored. */
    public static boolean sameRows(List<Row> a, List<Row> b) {
        return count(a).equals(count(b));
    }

    private static Map<Row, Integer> count(List<Row> rows) {
        Map<Row, Integer> m = new HashMap<>();
        rows.forEach(r -> m.merge(r, 1, Integer::sum));
        return m;
    }

    @Override
    public String toString() {
        return name;
    }
}
