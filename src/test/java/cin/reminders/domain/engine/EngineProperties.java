package cin.reminders.domain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.CaseReplay;
import cin.reminders.domain.Events;
import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.policy.Policy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the engine over random event streams, for every council. */
class EngineProperties {

    private static final CloudEventReader READER = new CloudEventReader(TestPolicies.registry()::knows);
    private static final LocalDate EPOCH = LocalDate.parse("2025-11-03");

    /** One step of a random case history: an event type, days since the previous step, and a coin for its flags. */
    record Step(String type, int daysLater, boolean flag, int agreedInDays) {
    }

    @Provide
    Arbitrary<String> authorities() {
        return Arbitraries.of(TestPolicies.AUTHORITIES);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<String> types = Arbitraries.of(
                "cin.case.opened", "cin.case.transferred", "cin.assessment.completed", "cin.plan.initial-created",
                "cin.planning-meeting.held", "cin.planning-meeting.held", "cin.review.held", "cin.review.held",
                "cin.review.held", "cin.visit.completed", "cin.visit.completed", "cin.care-team.meeting-held",
                "cin.circumstances.changed", "cin.plan.type-changed", "cin.child-protection-plan.ended",
                "cin.care-order.discharged", "cin.child.returned-home", "cin.supervision-order.made",
                "cin.working-agreement.signed", "cin.task.completed", "cin.case.closed", "cin.plan.published",
                "cin.participant.upserted");
        Arbitrary<Step> step = Combinators.combine(types, Arbitraries.integers().between(-20, 60),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 400)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void noDueDateIsADayTheOfficeIsShut(@ForAll("authorities") String authority, @ForAll("histories") List<Step> history) {
        Policy policy = TestPolicies.get(authority);
        CaseReplay replay = replay(authority, events(authority, history));
        replay.obligations().stream().filter(o -> o.dueDate() != null)
                .forEach(o -> assertTrue(policy.calendar().isWorkingDay(o.dueDate()), () -> o + " is due on a closed day"));
    }

    @Property(tries = 300)
    void atMostOneOpenObligationPerKind(@ForAll("authorities") String authority, @ForAll("histories") List<Step> history) {
        CaseReplay replay = new CaseReplay(TestPolicies.get(authority), "P-1");
        for (ObjectNode json : events(authority, history)) {
            replay.apply(READER.read(json));
            Set<ObligationKind> seen = EnumSet.noneOf(ObligationKind.class);
            Set<String> meetings = new java.util.HashSet<>();
            for (Obligation o : replay.state().open()) {
                if (o.kind().perMeetingRecord()) {
                    // A record distribution belongs to its meeting: one open per kind and meeting (POLICIES.md).
                    assertTrue(meetings.add(o.kind() + "|" + o.triggeredBy()), () -> "two open " + o.kind() + " for one meeting");
                    continue;
                }
                assertTrue(seen.add(o.kind()), () -> "two open " + o.kind());
            }
            assertEquals(replay.state().open().size(),
                    replay.obligations().stream().filter(o -> o.status() == ObligationStatus.OPEN).count());
        }
    }

    @Property(tries = 300)
    void nothingIsDueBeforeItsTrigger(@ForAll("authorities") String authority, @ForAll("histories") List<Step> history) {
        CaseReplay replay = replay(authority, events(authority, history));
        replay.obligations().stream().filter(o -> o.dueDate() != null)
                .forEach(o -> assertFalse(o.dueDate().isBefore(o.triggeredOn()), () -> o + " is due before its trigger"));
    }

    @Property(tries = 200)
    void processingAStreamTwiceEqualsProcessingItOnce(@ForAll("authorities") String authority,
                                                      @ForAll("histories") List<Step> history) {
        List<ObjectNode> once = events(authority, history);
        List<ObjectNode> twice = new ArrayList<>(once);
        twice.addAll(once);
        CaseReplay a = replay(authority, once);
        CaseReplay b = replay(authority, twice);
        assertEquals(a.obligations(), b.obligations());
        assertEquals(a.state(), b.state());
    }

    @Property(tries = 200)
    void redeliveryOfAnyEventChangesNothing(@ForAll("authorities") String authority,
                                           @ForAll("histories") List<Step> history) {
        List<ObjectNode> once = events(authority, history);
        List<ObjectNode> redelivered = new ArrayList<>();
        for (int i = 0; i < once.size(); i++) {
            redelivered.add(once.get(i));
            // Kafka redelivers from the last committed offset: any earlier event may come again.
            redelivered.add(once.get(Math.abs(once.get(i).get("id").asText().hashCode()) % (i + 1)));
        }
        assertEquals(replay(authority, once).obligations(), replay(authority, redelivered).obligations());
    }

    private static CaseReplay replay(String authority, List<ObjectNode> events) {
        CaseReplay replay = new CaseReplay(TestPolicies.get(authority), "P-1");
        List<CaseEvent> read = events.stream().map(READER::read).toList();
        return replay.applyAll(read);
    }

    /** Turns steps into contract-valid events with plausible data. */
    static List<ObjectNode> events(String authority, List<Step> history) {
        Events e = new Events(authority, "P-1");
        List<ObjectNode> out = new ArrayList<>();
        LocalDate day = EPOCH;
        int n = 0;
        for (Step s : history) {
            day = day.plusDays(s.daysLater());
            String date = day.toString();
            String agreed = day.plusDays(s.agreedInDays()).toString();
            out.add(switch (s.type()) {
                case "cin.case.opened" -> e.json(s.type(), date, "planType", s.flag() ? "CHILD_IN_NEED" : "CHILD_PROTECTION",
                        "longTermSupport", s.agreedInDays() % 5 == 0);
                case "cin.case.transferred" -> e.json(s.type(), date, "toTeam", "Family Support Team");
                case "cin.planning-meeting.held" -> s.flag() ? e.json(s.type(), date, "firstReviewDate", agreed) : e.json(s.type(), date);
                case "cin.review.held" -> s.agreedInDays() % 3 == 0
                        ? e.json(s.type(), date, "outcome", "CONTINUE", "formal", s.flag(), "planAmended", !s.flag(), "nextReviewDate", agreed)
                        : e.json(s.type(), date, "outcome", "CONTINUE", "formal", s.flag(), "planAmended", !s.flag());
                case "cin.visit.completed" -> e.json(s.type(), date, "childSeenAlone", s.flag());
                case "cin.care-team.meeting-held" -> s.flag()
                        ? e.json(s.type(), date, "nextMeeting", Map.of("date", agreed, "time", "10:00", "venue", "School"))
                        : e.json(s.type(), date);
                case "cin.circumstances.changed" -> e.json(s.type(), date, "significant", s.flag(), "summary", "change");
                case "cin.plan.type-changed" -> e.json(s.type(), date, "planType",
                        List.of("CHILD_IN_NEED", "CHILD_PROTECTION", "LOOKED_AFTER", "PATHWAY").get(s.agreedInDays() % 4));
                case "cin.child.returned-home" -> e.json(s.type(), date, "planned", s.flag());
                case "cin.working-agreement.signed" -> e.json(s.type(), date, "agreementNumber", ++n);
                case "cin.task.completed" -> e.json(s.type(), date, "kind",
                        ObligationKind.values()[s.agreedInDays() % ObligationKind.values().length].name());
                case "cin.case.closed" -> e.json(s.type(), date, "reason", "needs met");
                case "cin.plan.published" -> e.json(s.type(), date, "version", 1, "documentUrl", "https://cms/doc/1",
                        "amended", s.flag());
                case "cin.participant.upserted" -> e.json(s.type(), null, "participant", Map.of(
                        "id", s.flag() ? "lp" + (s.agreedInDays() % 3) : "tm1",
                        "role", s.flag() ? "LEAD_PROFESSIONAL" : "TEAM_MANAGER", "name", "Worker",
                        "preferredChannel", "EMAIL", "email", "w@council.example"));
                default -> e.json(s.type(), date);
            });
        }
        return out;
    }
}
