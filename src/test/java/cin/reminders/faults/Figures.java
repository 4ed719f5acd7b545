package cin.reminders.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Each scenario's counts, written after every scenario (so a run that fails half-way still leaves its figures) as
 * {@code target/faults/figures.json} and {@code target/faults/figures.md}; {@code faults/run.sh} puts the Markdown
 * into RELIABILITY.md.
 */
final class Figures {

    /** One scenario's figures, in the order they were recorded. */
    static final class Scenario {
        final String title;
        final String target;
        final Map<String, Object> values = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        String verdict = "not finished";

        Scenario(String title, String target) {
            this.title = title;
            this.target = target;
        }

        Scenario put(String name, Object value) {
            values.put(name, value);
            return this;
        }

        Scenario note(String note) {
            notes.add(note);
            return this;
        }
    }

    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    private final Map<String, Object> run = new LinkedHashMap<>();
    private final Path dir;

    Figures(Path dir) {
        this.dir = dir;
    }

    Map<String, Object> run() {
        return run;
    }

    synchronized Scenario scenario(String id, String title, String target) {
        return scenarios.computeIfAbsent(id, k -> new Scenario(title, target));
    }

    synchronized void write() {
        try {
            Files.createDirectories(dir);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("run", run);
            Map<String, Object> all = new LinkedHashMap<>();
            scenarios.forEach((id, s) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("title", s.title);
                m.put("target", s.target);
                m.put("verdict", s.verdict);
                m.put("figures", s.values);
                m.put("notes", s.notes);
                all.put(id, m);
            });
            json.put("scenarios", all);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("figures.json").toFile(), json);
            Files.writeString(dir.resolve("figures.md"), markdown());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run: ");
        List<String> parts = new ArrayList<>();
        run.forEach((k, v) -> parts.add("`" + k + "=" + v + "`"));
        md.append(String.join(", ", parts)).append("\n\n");
        md.append("| scenario | target | verdict |\n|---|---|---|\n");
        scenarios.forEach((id, s) -> md.append("| ").append(s.title).append(" | ").append(s.target).append(" | ")
                .append(s.verdict).append(" |\n"));
        scenarios.forEach((id, s) -> {
            md.append("\n#### ").append(s.title).append("\n\n");
            md.append("| figure | value |\n|---|---|\n");
            s.values.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            if (!s.notes.isEmpty()) {
                md.append('\n');
                s.notes.forEach(n -> md.append("* ").append(n).append('\n'));
            }
        });
        return md.toString();
    }
}
