package cin.reminders.domain.policy;

import static cin.reminders.domain.Events.d;
import static cin.reminders.domain.model.ObligationKind.FORMAL_REVIEW;
import static cin.reminders.domain.model.ObligationKind.PLAN_REVIEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.Events;
import cin.reminders.domain.engine.BatchOutcome;
import cin.reminders.domain.engine.CaseBatch;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.engine.PolicyEngine;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Policy versions (CONTRACT-2 §9): Derbyshire's review interval goes from 6 to 8 weeks on 2026-06-01; an event is
 * judged by the version in force on its {@code data.date}, and every obligation records that version.
 */
class PolicyVersionsTest {

    static final String BUNDLED = "policies/derbyshire.yaml";

    static String bundled() {
        try (InputStream in = PolicyVersionsTest.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled Derbyshire file as version "2026-2", in force from 2026-06-01, reviewing every 8 weeks. */
    static String eightWeeks() {
        String text = bundled();
        String edited = text.replace("due: {after: 6, unit: WEEKS,", "due: {after: 8, unit: WEEKS,");
        assertEquals(2, (text.length() - text.replace("after: 6, unit: WEEKS", "").length()) / "after: 6, unit: WEEKS".length(),
                "the bundled file has two 6-week review rows");
        return "version: \"2026-2\"\neffectiveFrom: 2026-06-01\n" + edited;
    }

    static Policy load(String file, String text) {
        return new PolicyLoader().load(file, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Set.of());
    }

    static PolicyRegistry twoVersions(LocalDate today) {
        return new PolicyRegistry(List.of(load(BUNDLED, bundled()), load("derbyshire-2026-2.yaml", eightWeeks())), () -> today);
    }

    final Events e = new Events("derbyshire", "DY-V");

    /** Runs the events, one batch each as ingestion might, and returns every obligation in its latest state. */
    static List<Obligation> run(PolicyRegistry registry, List<CaseEvent> events) {
        CaseBatch batch = new CaseBatch(registry, new PolicyEngine());
        CaseRef ref = events.get(0).ref();
        CaseState state = CaseState.empty(ref);
        Map<java.util.UUID, Obligation> all = new java.util.LinkedHashMap<>();
        for (CaseEvent event : events) {
            BatchOutcome outcome = batch.apply(Map.of(ref, state), List.of(event));
            state = outcome.cases().get(ref);
            outcome.created().forEach(o -> all.put(o.id(), o));
            outcome.updated().forEach(o -> all.put(o.id(), o));
        }
        return List.copyOf(all.values());
    }

    static Obligation openedOn(List<Obligation> all, ObligationKind kind, String day) {
        return all.stream().filter(o -> o.kind() == kind && o.triggeredOn().equals(d(day))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " opened on " + day + " in " + all));
    }

    /** A council with one version needs no clock: the dispatcher asks for the policy of every notice it sends. */
    @Test
    void aCouncilWithOneVersionIsFoundWithoutAskingTheDay() {
        Policy only = load(BUNDLED, bundled());
        PolicyRegistry registry = new PolicyRegistry(List.of(only), () -> {
            throw new AssertionError("the day was asked for a council with one version");
        });
        assertEquals(only, registry.get("derbyshire"));
    }

    @Test
    void aFileWithoutVersionIsVersionOneFromTheBeginning() {
        Policy p = load(BUNDLED, bundled());
        assertEquals("1", p.version());
        assertNull(p.effectiveFrom());
        Policy v2 = load("derbyshire-2026-2.yaml", eightWeeks());
        assertEquals("2026-2", v2.version());
        assertEquals(d("2026-06-01"), v2.effectiveFrom());
        assertEquals("derbyshire-2026-2.yaml", v2.file());
    }

    @Test
    void theVersionInForceOnADayIsTheLatestStartedOnOrBeforeIt() {
        PolicyRegistry registry = twoVersions(d("2026-05-01"));
        assertEquals("1", registry.on("derbyshire", d("2026-05-31")).version());
        assertEquals("2026-2", registry.on("derbyshire", d("2026-06-01")).version());
        assertEquals("2026-2", registry.on("derbyshire", d("2027-01-01")).version());
        assertEquals("1", registry.get("derbyshire").version(), "today is 2026-05-01");
        assertEquals("2026-2", twoVersions(d("2026-06-01")).get("derbyshire").version());
        assertEquals(List.of("1", "2026-2"), registry.versions("derbyshire").stream().map(Policy::version).toList());
        assertEquals(1, registry.all().size(), "one policy per council: today's");
    }

    /** The test: a review held before 2026-06-01 keeps 6 weeks; one held after it gets 8. */
    @Test
    void reviewsBeforeTheChangeKeepSixWeeksAndAfterItGetEight() {
        List<Obligation> all = run(twoVersions(d("2026-12-01")), List.of(
                e.event("cin.case.opened", "2026-04-01", "planType", "CHILD_IN_NEED"),
                e.event("cin.planning-meeting.held", "2026-04-08"),
                e.event("cin.review.held", "2026-05-20", "outcome", "CONTINUE"),
                e.event("cin.review.held", "2026-06-10", "outcome", "CONTINUE")));

        Obligation before = openedOn(all, PLAN_REVIEW, "2026-05-20");
        assertEquals(d("2026-07-01"), before.dueDate(), "2026-05-20 + 6 weeks");
        assertEquals("1", before.policyVersion());
        assertEquals(ObligationStatus.COMPLETED, before.status(), "the review of 2026-06-10 held it");

        Obligation after = openedOn(all, PLAN_REVIEW, "2026-06-10");
        assertEquals(d("2026-08-05"), after.dueDate(), "2026-06-10 + 8 weeks");
        assertEquals("2026-2", after.policyVersion());
        assertEquals(ObligationStatus.OPEN, after.status());

        // What the first version opened keeps its version, whichever version later judged its case.
        assertEquals("1", openedOn(all, PLAN_REVIEW, "2026-04-08").policyVersion());
        assertEquals("1", openedOn(all, FORMAL_REVIEW, "2026-04-08").policyVersion());
        assertEquals(d("2026-05-20"), openedOn(all, PLAN_REVIEW, "2026-04-08").dueDate(), "2026-04-08 + 6 weeks");
    }

    @Test
    void theEventDateJudgesNotTheOrderOrTheDayItArrives() {
        // Today the new version is in force, but a review held in May is still judged by the old one.
        List<Obligation> all = run(twoVersions(d("2026-07-01")), List.of(
                e.event("cin.planning-meeting.held", "2026-04-08"),
                e.event("cin.review.held", "2026-05-20", "outcome", "CONTINUE")));
        Obligation review = openedOn(all, PLAN_REVIEW, "2026-05-20");
        assertEquals(d("2026-07-01"), review.dueDate());
        assertEquals("1", review.policyVersion());
    }

    @Test
    void aSingleVersionRegistryRecordsVersionOne() {
        List<Obligation> all = run(new PolicyRegistry(List.of(load(BUNDLED, bundled()))), List.of(
                e.event("cin.planning-meeting.held", "2026-06-10")));
        all.forEach(o -> assertEquals("1", o.policyVersion(), o.toString()));
        assertEquals(d("2026-07-22"), openedOn(all, PLAN_REVIEW, "2026-06-10").dueDate());
    }

    @Test
    void twoFilesWithOneVersionAreAnErrorNamingBoth() {
        String copy = "version: \"2026-2\"\neffectiveFrom: 2026-09-01\n" + bundled();
        PolicyException error = assertThrows(PolicyException.class, () -> new PolicyRegistry(List.of(
                load("derbyshire-2026-2.yaml", eightWeeks()), load("derbyshire-copy.yaml", copy))));
        assertTrue(error.getMessage().contains("derbyshire-copy.yaml and derbyshire-2026-2.yaml both declare version '2026-2'"
                + " of authority 'derbyshire'"), error.getMessage());
    }

    @Test
    void twoFilesWithoutVersionAreAnErrorNamingBoth() {
        PolicyException error = assertThrows(PolicyException.class, () -> new PolicyRegistry(List.of(
                load(BUNDLED, bundled()), load("derbyshire-copy.yaml", bundled()))));
        assertTrue(error.getMessage().contains("derbyshire-copy.yaml and " + BUNDLED + " both declare version '1'"),
                error.getMessage());
    }

    @Test
    void twoVersionsInForceFromTheSameDayAreAnErrorNamingBoth() {
        String other = "version: \"2026-3\"\neffectiveFrom: 2026-06-01\n" + bundled();
        PolicyException error = assertThrows(PolicyException.class, () -> new PolicyRegistry(List.of(
                load("derbyshire-2026-2.yaml", eightWeeks()), load("derbyshire-2026-3.yaml", other))));
        assertTrue(error.getMessage().contains("derbyshire-2026-3.yaml and derbyshire-2026-2.yaml"), error.getMessage());
        assertTrue(error.getMessage().contains("are both in force from 2026-06-01"), error.getMessage());
    }

    @Test
    void twoVersionsWithDifferentCalendarsAreAnErrorNamingBoth() {
        String closed = eightWeeks().replace("closures: []", "closures: [2026-12-24]");
        assertNotEquals(eightWeeks(), closed, "the edit adds a closure day");
        PolicyException error = assertThrows(PolicyException.class, () -> new PolicyRegistry(List.of(
                load(BUNDLED, bundled()), load("derbyshire-2026-2.yaml", closed))));
        assertTrue(error.getMessage().contains("derbyshire-2026-2.yaml and " + BUNDLED), error.getMessage());
        assertTrue(error.getMessage().contains("give different calendars"), error.getMessage());
    }

    @Test
    void aBadEffectiveFromIsAMistakeNamingTheFile() {
        PolicyException error = assertThrows(PolicyException.class,
                () -> load("derbyshire-bad.yaml", "effectiveFrom: 1st June\n" + bundled()));
        assertTrue(error.getMessage().contains("derbyshire-bad.yaml"), error.getMessage());
        assertTrue(error.getMessage().contains("effectiveFrom: '1st June' is not an ISO date"), error.getMessage());
    }

    @Test
    void versionsSortByStartWhateverTheOrderLoaded() {
        PolicyRegistry registry = new PolicyRegistry(List.of(load("derbyshire-2026-2.yaml", eightWeeks()),
                load(BUNDLED, bundled())), () -> d("2026-05-01"));
        assertEquals("1", registry.on("derbyshire", d("2026-05-20")).version());
        assertEquals("2026-2", registry.on("derbyshire", d("2026-06-10")).version());
        assertTrue(registry.versions("derbyshire").stream().map(Policy::effectiveFrom)
                .sorted(Comparator.nullsFirst(Comparator.naturalOrder())).toList()
                .equals(registry.versions("derbyshire").stream().map(Policy::effectiveFrom).toList()));
    }
}
