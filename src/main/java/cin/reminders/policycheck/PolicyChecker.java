package cin.reminders.policycheck;

import cin.reminders.domain.engine.BatchOutcome;
import cin.reminders.domain.engine.CaseBatch;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.engine.PolicyEngine;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.event.EventKey;
import cin.reminders.domain.event.FieldError;
import cin.reminders.domain.event.InvalidEventException;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyException;
import cin.reminders.domain.policy.PolicyLoader;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.domain.policy.RuleWording;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code check-policies DIR [--events FILE.json]}: checks a directory of policy files the way the service loads
 * them, without a database, a broker or the service itself, for a council's policy officer.
 * <ul>
 *   <li>Every mistake in every file is printed (file, rule, key) on stderr, and the exit status is 1.</li>
 *   <li>When every file is sound, each rule is printed in plain words on stdout, and the exit status is 0.</li>
 *   <li>With {@code --events}, a JSON file of CloudEvents (an array, as {@code POST /api/events} takes them, or
 *       one event) is run through the policies in memory, and the obligations each case would have open are
 *       printed: the dry run without the service. An event the service would refuse is printed as an error.</li>
 * </ul>
 * Exit status 2: the command itself is wrong (no such directory, no policy files, an unknown option).
 * <p>
 * Plain Java on purpose: {@code Main} runs it before Quarkus starts, so nothing connects anywhere.
 */
public final class PolicyChecker {

    public static final String COMMAND = "check-policies";
    static final String USAGE = "usage: java -jar target/quarkus-app/quarkus-run.jar " + COMMAND
            + " DIR [--events FILE.json]";

    private final PrintStream out;
    private final PrintStream err;

    public PolicyChecker(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * @param args the arguments after {@code check-policies}
     * @return the exit status: 0 sound, 1 mistakes found, 2 the command is wrong
     */
    public int run(List<String> args) {
        Path dir = null;
        Path events = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--events") && i + 1 < args.size()) {
                events = Path.of(args.get(++i));
            } else if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (!a.startsWith("-") && dir == null) {
                dir = Path.of(a);
            } else {
                err.println("unexpected argument '" + a + "'");
                err.println(USAGE);
                return 2;
            }
        }
        if (dir == null) {
            err.println(USAGE);
            return 2;
        }
        List<Path> files;
        try {
            files = policyFiles(dir);
        } catch (IOException e) {
            err.println(dir + ": cannot read: " + e.getMessage());
            return 2;
        }
        if (files.isEmpty()) {
            err.println(dir + ": no policy files (*.yaml) found");
            return 2;
        }
        List<String> mistakes = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        PolicyLoader loader = new PolicyLoader();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                Policy p = loader.load(file.toString(), in, Set.of());
                policies.add(p);
            } catch (PolicyException e) {
                mistakes.addAll(e.problems());
            } catch (IOException e) {
                mistakes.add(file + ": cannot read: " + e.getMessage());
            }
        }
        PolicyRegistry registry = null;
        try {
            registry = new PolicyRegistry(policies); // two files of one council: the same version or the same start
        } catch (PolicyException e) {
            mistakes.addAll(e.problems());
        }
        if (!mistakes.isEmpty()) {
            mistakes.forEach(err::println);
            err.println(mistakes.size() + (mistakes.size() == 1 ? " mistake" : " mistakes") + " in the policy files under "
                    + dir + "; the service would refuse to start with them.");
            return 1;
        }
        for (Policy p : policies) {
            out.println(p.name() + " (" + p.file() + (p.version().equals(Policy.DEFAULT_VERSION) && p.effectiveFrom() == null ? ""
                    : ", version " + p.version() + (p.effectiveFrom() == null ? "" : " from " + p.effectiveFrom())) + "): "
                    + p.rules().size() + " rules, "
                    + p.distributions().size() + " distributions");
            RuleWording.describe(p).forEach(line -> out.println("  " + line));
            out.println();
        }
        out.println(policies.size() + (policies.size() == 1 ? " policy file is" : " policy files are") + " sound.");
        return events == null ? 0 : dryRun(registry, events);
    }

    /** Runs the events through the policies in memory, as ingestion would, and prints each case's open obligations. */
    int dryRun(PolicyRegistry registry, Path file) {
        JsonNode body;
        try {
            body = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            err.println(file + ": not valid JSON: " + e.getMessage());
            return 1;
        }
        List<JsonNode> given = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(given::add);
        } else {
            given.add(body);
        }
        CloudEventReader reader = new CloudEventReader(registry::knows);
        List<CaseEvent> events = new ArrayList<>();
        Set<EventKey> seen = new HashSet<>();
        int refused = 0;
        int duplicates = 0;
        for (int i = 0; i < given.size(); i++) {
            JsonNode node = given.get(i);
            try {
                CaseEvent event = reader.read(node);
                if (seen.add(event.key())) {
                    events.add(event);
                } else {
                    duplicates++; // ingestion takes an event once per (source, id)
                }
            } catch (InvalidEventException e) {
                refused++;
                String id = node != null && node.hasNonNull("id") ? " (id " + node.get("id").asText() + ")" : "";
                for (FieldError f : e.errors()) {
                    err.println(file + ": event " + (i + 1) + id + ": " + f.field() + " " + f.message());
                }
            }
        }
        Map<CaseRef, CaseState> cases = new LinkedHashMap<>();
        events.forEach(e -> cases.putIfAbsent(e.ref(), CaseState.empty(e.ref())));
        BatchOutcome outcome = new CaseBatch(registry, new PolicyEngine()).apply(cases, events);
        out.println();
        out.println("Dry run of " + file + ": " + events.size() + " events applied"
                + (duplicates > 0 ? ", " + duplicates + " duplicates ignored" : "")
                + (refused > 0 ? ", " + refused + " refused" : "") + ".");
        for (Map.Entry<CaseRef, CaseState> e : outcome.cases().entrySet()) {
            List<Obligation> open = e.getValue().open().stream()
                    .sorted(Comparator.comparing(Obligation::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(o -> o.kind().name()))
                    .toList();
            out.println(e.getKey().authority() + " case " + e.getKey().caseId() + ": "
                    + (open.isEmpty() ? "no obligation open" : open.size() + (open.size() == 1 ? " obligation" : " obligations")
                    + " open"));
            for (Obligation o : open) {
                out.println("  " + o.kind() + " due " + (o.dueDate() == null ? "(no deadline)" : o.dueDate())
                        + " (rule " + o.ruleId()
                        + (registry.versions(o.authority()).size() > 1 ? ", version " + o.policyVersion() : "") + ")"
                        + (o.agreedDate() != null ? ", agreed " + o.agreedDate() : "")
                        + (o.breach() ? ", BREACH: the agreed date was later than the statutory maximum" : "")
                        + (o.goodPracticeOn() != null ? ", good practice by " + o.goodPracticeOn() : ""));
            }
        }
        return refused > 0 ? 1 : 0;
    }

    /** The directory's {@code *.yaml}, sorted; or the one file named. */
    static List<Path> policyFiles(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }
}
