package cin.reminders.policycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-policies}: what a policy officer runs, without a database or a broker. */
class PolicyCheckerTest {

    static final Path BUNDLED = Path.of("src/main/resources/policies");

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int check(String... args) {
        return new PolicyChecker(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theBundledFilesAreSoundAndReadBackInPlainWords() {
        assertEquals(0, check(BUNDLED.toString()), err());
        assertEquals("", err());
        String out = out();
        assertTrue(out.contains("Derbyshire County Council (src/main/resources/policies/derbyshire.yaml): 6 rules, 2 distributions"), out);
        assertTrue(out.contains("  Derbyshire D1: when a review is held and the child is not on longer-term support, the next"
                + " plan review is due 6 weeks later, or on the agreed date (nextReviewDate) if sooner."), out);
        assertTrue(out.contains("  Derbyshire D1: when a planning meeting is held and the child is not on longer-term support"
                + " and either it is the case's first planning meeting or no plan review is open, a plan review is due"
                + " 6 weeks later, or on the agreed date (firstReviewDate) if sooner."), out);
        assertTrue(out.contains("  Portsmouth P5: when a case is opened or a case is transferred, a home visit is due 6 weeks"
                + " later (good practice: within 4 weeks)."), out);
        assertTrue(out.contains("  Portsmouth P9: when a plan review opens, seeing the child alone is due on the same day as"
                + " the plan review."), out);
        assertTrue(out.contains("  Walsall W3: when the plan type changes and the plan is a child protection, looked after or"
                + " pathway plan, any open plan review is cancelled."), out);
        assertTrue(out.contains("  Durham U6: when the care team meets, sending the meeting record is to be done, with no deadline."), out);
        assertTrue(out.contains("  Derbyshire D4: when a record is published (review records), record-copy goes to the child"
                + " (from age 12), the parents, the carers and the agencies"), out);
        assertTrue(out.endsWith("5 policy files are sound." + System.lineSeparator()), out);
    }

    @Test
    void aBrokenCopyFailsWithEveryMistakeNamed(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        replace(dir.resolve("durham.yaml"), "template: plan-copy", "template: plan-cpoy");
        replace(dir.resolve("walsall.yaml"), "  - id: W5\n", "  - id: W5\n    goodPractise: {after: 2, unit: WORKING_DAYS}\n");
        replace(dir.resolve("derbyshire.yaml"), "  escalateEvery: 5", "  escalateEvry: 5");

        assertEquals(1, check(dir.toString()));
        assertEquals("", out());
        List<String> lines = err().lines().toList();
        assertEquals(List.of(
                dir.resolve("derbyshire.yaml") + ": unknown key 'reminders.escalateEvry' (did you mean 'reminders.escalateEvery'?)",
                dir.resolve("durham.yaml") + ", distribution U2 (row 1): template 'plan-cpoy' is not a template distributions send"
                        + " (did you mean 'plan-copy'?); known: plan-copy, record-copy, closure-notice",
                dir.resolve("walsall.yaml") + ", rule W5 (row 3): unknown key 'goodPractise' (did you mean 'goodPractice'?)",
                "3 mistakes in the policy files under " + dir + "; the service would refuse to start with them."), lines);
    }

    @Test
    void twoFilesForOneCouncilAndVersionAreAMistake(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Files.copy(dir.resolve("durham.yaml"), dir.resolve("durham-copy.yaml"));
        assertEquals(1, check(dir.toString()));
        assertTrue(err().contains(dir.resolve("durham.yaml") + " and " + dir.resolve("durham-copy.yaml")
                + " both declare version '1' of authority 'durham'"), err());
    }

    /** Two versions of one council's policy, in force from different days, are sound (CONTRACT-2 §9). */
    @Test
    void twoVersionsOfOneCouncilAreSound(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Files.writeString(dir.resolve("durham-2027.yaml"), "version: \"2027\"\neffectiveFrom: 2027-04-01\n"
                + Files.readString(dir.resolve("durham.yaml")));
        assertEquals(0, check(dir.toString()), err());
        assertTrue(out().contains("durham-2027.yaml, version 2027 from 2027-04-01)"), out());
    }

    /** The dry run: the acceptance scenario's events, in memory, open what the scenario expects open. */
    @Test
    void theDryRunPrintsTheObligationsTheEventsWouldOpen(@TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode scenario = json.readTree(Path.of("src/test/resources/scenarios/portsmouth-transfer-to-planning.json").toFile());
        Path events = dir.resolve("events.json");
        json.writeValue(events.toFile(), scenario.get("events"));

        assertEquals(0, check(BUNDLED.toString(), "--events", events.toString()), err());
        String out = out();
        assertTrue(out.contains("Dry run of " + events + ": " + scenario.get("events").size() + " events applied."), out);
        assertTrue(out.contains("portsmouth case PO-1: "), out);
        int checked = 0;
        for (JsonNode o : scenario.at("/expect/obligations")) {
            if (o.get("status").asText().equals("OPEN")) {
                String line = "  " + o.get("kind").asText() + " due " + o.get("dueDate").asText() + " (rule ";
                assertTrue(out.contains(line), line + " in\n" + out);
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    /** The dry run judges each event by the version in force on its date and names it when there are several. */
    @Test
    void theDryRunNamesTheVersionThatOpenedEachObligation(@TempDir Path dir) throws IOException {
        copyBundled(dir);
        Files.writeString(dir.resolve("derbyshire-2026-2.yaml"), "version: \"2026-2\"\neffectiveFrom: 2026-06-01\n"
                + Files.readString(dir.resolve("derbyshire.yaml")).replace("due: {after: 6, unit: WEEKS,", "due: {after: 8, unit: WEEKS,"));
        Path events = dir.resolve("events.json");
        Files.writeString(events, """
                [{"specversion": "1.0", "id": "a1", "source": "urn:cms:test", "type": "cin.planning-meeting.held",
                  "subject": "A-1", "time": "2026-05-20T12:00:00Z", "authority": "derbyshire",
                  "data": {"caseId": "A-1", "date": "2026-05-20"}},
                 {"specversion": "1.0", "id": "b1", "source": "urn:cms:test", "type": "cin.planning-meeting.held",
                  "subject": "B-1", "time": "2026-06-10T12:00:00Z", "authority": "derbyshire",
                  "data": {"caseId": "B-1", "date": "2026-06-10"}}]
                """);
        assertEquals(0, check(dir.toString(), "--events", events.toString()), err());
        assertTrue(out().contains("  PLAN_REVIEW due 2026-07-01 (rule D1, version 1)"), out());
        assertTrue(out().contains("  PLAN_REVIEW due 2026-08-05 (rule D1, version 2026-2)"), out());
    }

    @Test
    void anEventTheServiceWouldRefuseIsAnError(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("events.json");
        Files.writeString(events, """
                [{"specversion": "1.0", "id": "e1", "source": "urn:cms:test", "type": "cin.reveiw.held",
                  "subject": "C-1", "time": "2026-01-05T12:00:00Z", "authority": "durham",
                  "data": {"caseId": "C-1", "date": "2026-01-05"}}]
                """);
        assertEquals(1, check(BUNDLED.toString(), "--events", events.toString()));
        assertTrue(err().contains(events + ": event 1 (id e1): type unknown event type"), err());
    }

    @Test
    void aWrongCommandSaysHowToRunIt() {
        assertEquals(2, check());
        assertTrue(err().contains("usage: java -jar target/quarkus-app/quarkus-run.jar check-policies DIR [--events FILE.json]"));
        assertEquals(2, check("no/such/dir"));
        assertTrue(err().contains("no/such/dir: cannot read"), err());
    }

    static void copyBundled(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(BUNDLED)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has no " + from);
        Files.writeString(file, text.replace(from, to));
    }
}
