package cin.reminders.domain.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.event.EventType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A policy file full of mistakes gets one error per mistake, each naming the file, the rule and the key. */
class PolicyMistakesTest {

    static final String FILE = "policies/mistaken.yaml";

    static final String MISTAKES = """
            authority: mistaken
            name: Mistaken Council
            colour: blue
            calendar: {region: ENGLAND_AND_WALES, closure: [2026-12-24]}
            reminders: {workingDaysBefor: [5, 1, 0]}
            schoolHours: {from: "09:00", untill: "15:00"}
            rules:
              - id: M1
                description: "Reviews every 6 weeks."
                on: cin.review.held
                open: PLAN_REVIEW
                due: {after: 6, unit: WEEKS}
                bringforward: true
              - id: M2
                on: [cin.planning-meeting.held, cin.reveiw.held]
                open: PLAN_REVIEW
                due: {after: 6, unit: WEEKS}
            distributions:
              - id: M3
                description: "Review records to the family."
                on: cin.record.published
                record: [REVEIW]
                template: recrod-copy
                roles: [PARENT]
            """;

    static PolicyException refusal(String yaml) {
        return assertThrows(PolicyException.class, () -> new PolicyLoader().load(FILE,
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), Set.of()));
    }

    @Test
    void everyMistakeIsOneErrorNamingFileRuleAndKey() {
        List<String> problems = refusal(MISTAKES).problems();
        List<String> expected = List.of(
                FILE + ": unknown key 'colour'",
                FILE + ": unknown key 'calendar.closure' (did you mean 'calendar.closures'?)",
                FILE + ": unknown key 'reminders.workingDaysBefor' (did you mean 'reminders.workingDaysBefore'?)",
                FILE + ", rule M1 (row 1): unknown key 'bringforward' (did you mean 'bringForward'?)",
                FILE + ", rule M2 (row 2): 'description' is required",
                FILE + ", rule M2 (row 2): unknown event type 'cin.reveiw.held' in 'on' (did you mean 'cin.review.held'?)",
                FILE + ", distribution M3 (row 1): template 'recrod-copy' is not a template distributions send"
                        + " (did you mean 'record-copy'?)",
                FILE + ", distribution M3 (row 1): record: unknown record kind 'REVEIW' (did you mean 'REVIEW'?)",
                FILE + ": unknown key 'schoolHours.untill'; allowed: from, to, ages");
        assertEquals(expected.size(), problems.size(), String.join("\n", problems));
        for (String start : expected) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)), "missing: " + start + "\nin:\n" + String.join("\n", problems));
        }
        assertEquals(String.join("\n", problems), refusal(MISTAKES).getMessage());
    }

    @Test
    void theMistakesHaveWordsForThePolicyOfficer() {
        String message = refusal(MISTAKES).getMessage();
        assertTrue(message.contains("known: plan-copy, record-copy, closure-notice"), message);
        assertTrue(message.contains("known: PLANNING_MEETING, CARE_TEAM_MEETING, REVIEW"), message);
    }

    @Test
    void aTemplateSentOnAnotherEventIsRefused() {
        String message = refusal(base() + """
                distributions:
                  - id: X1
                    description: "Plan copies when a record is published: never sent."
                    on: cin.record.published
                    template: plan-copy
                    roles: [PARENT]
                """).getMessage();
        assertTrue(message.contains("distribution X1 (row 1): template 'plan-copy' is sent on cin.plan.published,"
                + " never on cin.record.published"), message);
    }

    @Test
    void anAgreedDateTheEventDoesNotCarryIsRefused() {
        String message = refusal(base().replace("due: {after: 6, unit: WEEKS}",
                "due: {after: 6, unit: WEEKS, agreed: firstReviewDate}")).getMessage();
        assertTrue(message.contains("rule N1 (row 1): due.agreed: cin.review.held carries no 'firstReviewDate'"
                + " (only cin.planning-meeting.held does)"), message);
    }

    @Test
    void aConditionOnAFieldTheEventDoesNotCarryIsRefused() {
        String message = refusal(base().replace("open: PLAN_REVIEW", "when: {data: {formall: true}}\n    open: PLAN_REVIEW"))
                .getMessage();
        assertTrue(message.contains("rule N1 (row 1): when.data: cin.review.held carries no field 'formall'"
                + " (did you mean 'formal'?)"), message);
        String value = refusal(base().replace("open: PLAN_REVIEW", "when: {data: {formal: \"yes\"}}\n    open: PLAN_REVIEW"))
                .getMessage();
        assertTrue(value.contains("rule N1 (row 1): when.data.formal must be true or false"), value);
    }

    @Test
    void unknownKeysInsideDueLettersAndConditionsAreRefused() {
        String message = refusal(base().replace("unit: WEEKS}", "unit: WEEKS, agred: nextReviewDate}")
                + "letters: {enabled: true, postag: first}\n").getMessage();
        assertTrue(message.contains("rule N1 (row 1): unknown key 'due.agred' (did you mean 'due.agreed'?)"), message);
        assertTrue(message.contains(": unknown key 'letters.postag' (did you mean 'letters.postage'?)"), message);
        String duplicate = assertThrows(PolicyException.class, () -> new PolicyLoader().load(FILE,
                new ByteArrayInputStream((base() + "name: Twice\n").getBytes(StandardCharsets.UTF_8)), Set.of()))
                .getMessage();
        assertTrue(duplicate.contains("Duplicate field 'name'"), duplicate);
    }

    @Test
    void aMisspelledRequiredKeyIsOneMistakeNotTwo() {
        List<String> problems = refusal(base().replace("description:", "descripton:").replace("due:", "deu:") + """
                distributions:
                  - id: X1
                    description: "Plan copies."
                    on: cin.plan.published
                    tempalte: plan-copy
                    role: [PARENT]
                """).problems();
        assertEquals(List.of(
                FILE + ", rule N1 (row 1): unknown key 'descripton' (did you mean 'description'?)",
                FILE + ", rule N1 (row 1): unknown key 'deu' (did you mean 'due'?)",
                FILE + ", distribution X1 (row 1): unknown key 'tempalte' (did you mean 'template'?)",
                FILE + ", distribution X1 (row 1): unknown key 'role' (did you mean 'roles'?)"), problems);
    }

    @Test
    void onMayListSeveralEventTypes() {
        Policy p = PolicyLoaderTest.load(base().replace("on: cin.review.held", "on: [cin.review.held, cin.planning-meeting.held]"));
        assertEquals(2, p.rules().size());
        assertEquals(List.of("N1#1", "N1#2"), p.rules().stream().map(Rule::key).toList());
        assertEquals(List.of(1, 1), p.rules().stream().map(Rule::row).toList());
        assertEquals(1, p.rulesOn(EventType.PLANNING_MEETING_HELD).size());
    }

    /** Folding Portsmouth's P5 rows changed no rule key, so no obligation id (the key seeds it). */
    @Test
    void foldedRowsKeepTheirRuleKeys() {
        Policy portsmouth = TestPolicies.get("portsmouth");
        assertEquals(List.of("P1#1", "P2#2", "P4#3", "P5#4", "P5#5", "P5#6", "P6#7", "P6#8", "P9#9", "P7/P8#10",
                        "P11#11", "P10#12", "P3#13", "P12#14", "P13#15", "P13#16", "P13#17", "P14#18", "P15#19",
                        "P15#20", "P16#21"),
                portsmouth.rules().stream().map(Rule::key).toList());
        assertEquals(List.of(EventType.CASE_OPENED, EventType.CASE_TRANSFERRED, EventType.VISIT_COMPLETED),
                portsmouth.rules().stream().filter(r -> r.id().equals("P5")).map(Rule::on).toList());
    }

    static String base() {
        return """
                authority: newtown
                name: Newtown
                rules:
                  - id: N1
                    description: "Reviews every 6 weeks."
                    on: cin.review.held
                    open: PLAN_REVIEW
                    due: {after: 6, unit: WEEKS}
                """;
    }
}
