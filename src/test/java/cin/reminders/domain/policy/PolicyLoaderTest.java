package cin.reminders.domain.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.TestPolicies;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    static Policy load(String yaml) {
        return new PolicyLoader().load("policies/test.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), Set.of());
    }

    static String refusal(String yaml) {
        return assertThrows(PolicyException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void everyBundledPolicyLoads() {
        assertEquals(5, TestPolicies.registry().all().size());
        for (String authority : TestPolicies.AUTHORITIES) {
            Policy p = TestPolicies.get(authority);
            assertTrue(p.rules().size() >= 4, authority);
            assertEquals(12, p.childCopyMinAge());
        }
    }

    @Test
    void aSixthCouncilIsJustAFile() {
        Policy p = load("""
                authority: newtown
                name: Newtown Council
                calendar: {region: SCOTLAND, closures: [2026-12-24]}
                rules:
                  - id: N1
                    description: "Plans are reviewed 8 weeks after the planning meeting."
                    on: cin.planning-meeting.held
                    open: PLAN_REVIEW
                    due: {after: 8, unit: WEEKS}
                """);
        assertEquals("newtown", p.authority());
        assertTrue(!p.calendar().isWorkingDay(java.time.LocalDate.parse("2026-12-24")));
    }

    @Test
    void theSettlePeriodIsFifteenMinutesUnlessTheCouncilSetsIt() {
        String rules = """
                rules:
                  - id: N1
                    description: "Plans are reviewed 8 weeks after the planning meeting."
                    on: cin.planning-meeting.held
                    open: PLAN_REVIEW
                    due: {after: 8, unit: WEEKS}
                """;
        assertEquals(java.time.Duration.ofMinutes(15), load("authority: newtown\nname: Newtown\n" + rules).reminders().settle());
        assertEquals(java.time.Duration.ofMinutes(30),
                load("authority: newtown\nname: Newtown\nreminders: {settle: PT30M}\n" + rules).reminders().settle());
        assertEquals(java.time.Duration.ZERO, load("authority: newtown\nname: Newtown\nreminders: {settle: PT0S}\n" + rules)
                .reminders().settle());
        String message = refusal("authority: newtown\nname: Newtown\nreminders: {settle: 15 minutes}\n" + rules);
        assertTrue(message.contains("reminders.settle"), message);
    }

    @Test
    void aBrokenRuleIsNamedWithItsFile() {
        String message = refusal("""
                authority: newtown
                name: Newtown Council
                rules:
                  - id: N1
                    on: cin.planning-meeting.held
                    open: PLAN_REVIEW
                    due: {after: 8, unit: FORTNIGHTS}
                """);
        assertTrue(message.startsWith("policies/test.yaml, rule N1 (row 1)"), message);
        assertTrue(message.contains("FORTNIGHTS"), message);
    }

    @Test
    void unknownEventsKindsAndConditionsAreRefused() {
        assertTrue(refusal(rule("on: cin.nothing.happened\n    open: PLAN_REVIEW\n    due: {after: 1, unit: DAYS}"))
                .contains("unknown event type 'cin.nothing.happened'"));
        assertTrue(refusal(rule("on: cin.review.held\n    open: PLAN_REVEIW\n    due: {after: 1, unit: DAYS}"))
                .contains("PLAN_REVEIW"));
        assertTrue(refusal(rule("on: cin.review.held\n    when: {fullMoon: true}\n    open: PLAN_REVIEW\n    due: {after: 1, unit: DAYS}"))
                .contains("unknown condition 'fullMoon'"));
        assertTrue(refusal(rule("on: cin.review.held\n    open: PLAN_REVIEW"))
                .contains("has no 'due'"));
        assertTrue(refusal("authority: Bad Name\nname: x\nrules: []").contains("authority must be"));
    }

    private static String rule(String body) {
        return "authority: newtown\nname: Newtown\nrules:\n  - id: N1\n    " + body + "\n";
    }
}
