package cin.reminders.domain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.CaseReplay;
import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.policy.Policy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Re-dating (CONTRACT-2 §9) over random case histories and random closure days, for every council: an open
 * obligation re-dated in a changed calendar is due exactly when the engine would have made it due had the calendar
 * always been the new one, on a working day; and re-dating again changes nothing.
 */
class RedatingProperties {

    private static final CloudEventReader READER = new CloudEventReader(TestPolicies.registry()::knows);

    @Provide
    Arbitrary<String> authorities() {
        return Arbitraries.of(TestPolicies.AUTHORITIES);
    }

    @Provide
    Arbitrary<List<EngineProperties.Step>> histories() {
        return new EngineProperties().histories();
    }

    /** Offsets in days from the open obligations' due dates: closure days that land on and around them. */
    @Provide
    Arbitrary<List<Integer>> closures() {
        return Arbitraries.integers().between(-25, 25).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 1000)
    void aReDatedObligationIsDueWhenAFreshComputationMakesIt(@ForAll("authorities") String authority,
                                                            @ForAll("histories") List<EngineProperties.Step> history,
                                                            @ForAll("closures") List<Integer> offsets) {
        Policy before = TestPolicies.get(authority);
        List<ObjectNode> events = EngineProperties.events(authority, history); // once: the events' ids seed the obligations'
        CaseReplay old = replay(before, events);
        Set<LocalDate> added = closureDays(old, offsets);
        Policy after = withCalendar(before, before.calendar().withClosures(added));
        Map<UUID, Obligation> fresh = replay(after, events).state().open().stream()
                .collect(Collectors.toMap(Obligation::id, Function.identity()));
        int compared = 0;
        for (Obligation o : old.state().open()) {
            Redating.Redated r = Redating.in(o, Optional.of(before), after.calendar());
            if (r.dueDate() != null) {
                assertTrue(after.calendar().isWorkingDay(r.dueDate()), () -> o + " re-dated to a closed day " + r.dueDate());
            }
            Obligation expected = fresh.get(o.id());
            if (expected != null) { // the engine made the same obligation in the new calendar too
                compared++;
                assertEquals(expected.dueDate(), r.dueDate(), () -> "due date of " + o + " with closures " + added);
                assertEquals(expected.goodPracticeOn(), r.goodPracticeOn(), () -> "good-practice date of " + o);
                assertEquals(expected.breach(), r.breach(), () -> "breach of " + o);
                assertEquals(expected.dueBasis(), r.basis(), () -> "basis of " + o);
            }
        }
        boolean moved = old.state().open().stream()
                .anyMatch(o -> Redating.in(o, Optional.of(before), after.calendar()).moves(o));
        Statistics.label("compared").collect(compared == 0 ? "none" : compared < 3 ? "1-2" : "3+");
        Statistics.label("moved and compared").collect(moved && compared > 0);
    }

    @Property(tries = 300)
    void reDatingTwiceChangesNothing(@ForAll("authorities") String authority,
                                     @ForAll("histories") List<EngineProperties.Step> history,
                                     @ForAll("closures") List<Integer> offsets) {
        Changed c = Changed.of(authority, history, offsets);
        Policy before = c.before();
        CaseReplay old = c.old();
        WorkingCalendar changed = c.calendar();
        for (Obligation o : old.state().open()) {
            Obligation once = o.redated(Redating.in(o, Optional.of(before), changed));
            Redating.Redated again = Redating.in(once, Optional.of(before), changed);
            assertFalse(again.changes(once), () -> "re-dating " + once + " again changed it to " + again);
        }
    }

    @Property(tries = 300)
    void inAnUnchangedCalendarNothingMoves(@ForAll("authorities") String authority,
                                           @ForAll("histories") List<EngineProperties.Step> history) {
        Policy policy = TestPolicies.get(authority);
        for (Obligation o : replay(policy, EngineProperties.events(authority, history)).state().open()) {
            assertFalse(Redating.in(o, Optional.of(policy), policy.calendar()).changes(o), () -> o + " changed");
        }
    }

    /** Stored before its basis was kept: it is only moved off a day the office is now shut, never before its trigger. */
    @Property(tries = 300)
    void withoutItsBasisADueDateOnlyLeavesAClosedDay(@ForAll("authorities") String authority,
                                                    @ForAll("histories") List<EngineProperties.Step> history,
                                                    @ForAll("closures") List<Integer> offsets) {
        Changed c = Changed.of(authority, history, offsets);
        Policy before = c.before();
        CaseReplay old = c.old();
        WorkingCalendar changed = c.calendar();
        for (Obligation o : old.state().open()) {
            Obligation legacy = withoutBasis(o);
            Redating.Redated r = Redating.in(legacy, Optional.of(before), changed);
            if (o.dueDate() == null) {
                assertEquals(null, r.dueDate());
                continue;
            }
            if (changed.isWorkingDay(o.dueDate())) {
                assertEquals(o.dueDate(), r.dueDate());
            } else {
                assertTrue(changed.isWorkingDay(r.dueDate()));
                assertFalse(r.dueDate().isBefore(o.triggeredOn()), () -> "moved before its trigger: " + r);
            }
        }
    }

    /** A case replayed in its council's calendar, and that calendar with closure days added around its due dates. */
    private record Changed(Policy before, CaseReplay old, WorkingCalendar calendar) {
        static Changed of(String authority, List<EngineProperties.Step> history, List<Integer> offsets) {
            Policy before = TestPolicies.get(authority);
            CaseReplay old = replay(before, EngineProperties.events(authority, history));
            return new Changed(before, old, before.calendar().withClosures(closureDays(old, offsets)));
        }
    }

    private static Set<LocalDate> closureDays(CaseReplay old, List<Integer> offsets) {
        List<LocalDate> due = old.state().open().stream().map(Obligation::dueDate).filter(d -> d != null).sorted().toList();
        Set<LocalDate> days = new HashSet<>();
        for (int i = 0; i < offsets.size(); i++) {
            LocalDate around = due.isEmpty() ? LocalDate.parse("2026-06-01") : due.get(i % due.size());
            days.add(around.plusDays(offsets.get(i)));
        }
        return days;
    }

    private static CaseReplay replay(Policy policy, List<ObjectNode> events) {
        CaseReplay replay = new CaseReplay(policy, "P-1");
        events.forEach(json -> replay.apply(READER.read(json)));
        return replay;
    }

    static Policy withCalendar(Policy p, WorkingCalendar calendar) {
        return new Policy(p.authority(), p.name(), p.source(), calendar, p.childCopyMinAge(), p.reminders(), p.rules(),
                p.distributions(), p.schoolHours(), p.letters(), p.version(), p.effectiveFrom(), p.file());
    }

    private static Obligation withoutBasis(Obligation o) {
        return new Obligation(o.id(), o.caseRef(), o.kind(), o.ruleId(), o.dueDate(), o.status(), o.ownerRole(),
                o.ownerParticipantId(), o.triggeredBy(), o.triggeredOn(), o.agreedDate(), o.breach(), o.goodPracticeOn(),
                o.closedOn(), o.closeReason(), o.closedBy(), o.record(), o.policyVersion(), null);
    }
}
