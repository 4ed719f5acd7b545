package cin.reminders.obligation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.PolicyDir;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Policy versions over HTTP (CONTRACT-2 §9): beside the bundled Derbyshire file (version "1"), a second version from
 * {@code reminders.policies.dir} reviews every 8 weeks from 2026-06-01. A review held before that day is judged by
 * the bundled version (+6 weeks), one held after it by the new one (+8 weeks), and each obligation row of
 * {@code GET /api/cases/{id}/obligations} names the version that opened it.
 */
@QuarkusTest
@TestProfile(PolicyVersionsHttpTest.DerbyshireEightWeeksFromJune.class)
class PolicyVersionsHttpTest {

    public static class DerbyshireEightWeeksFromJune extends RealInfrastructure {
        @Override
        public Map<String, String> getConfigOverrides() {
            return PolicyDir.withEdited("derbyshire.yaml", "derbyshire-2026-2.yaml", yaml -> {
                String eight = yaml.replace("due: {after: 6, unit: WEEKS,", "due: {after: 8, unit: WEEKS,");
                if (eight.equals(yaml)) {
                    throw new IllegalStateException("derbyshire.yaml has no 6-week review row to change");
                }
                return "version: \"2026-2\"\neffectiveFrom: 2026-06-01\n" + eight;
            });
        }
    }

    @Inject
    ServiceClock clock;

    @Test
    void eachReviewIsJudgedByTheVersionInForceOnItsDateAndNamesIt() {
        clock.restartAt(Instant.parse("2026-06-15T10:00:00Z"));
        CaseScript c = new CaseScript("derbyshire", "PV");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .event("cin.case.opened", "2026-04-01", "planType", "CHILD_IN_NEED")
                .event("cin.planning-meeting.held", "2026-04-08")
                .event("cin.review.held", "2026-05-20", "outcome", "CONTINUE")
                .event("cin.review.held", "2026-06-10", "outcome", "CONTINUE");

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertEquals(Map.of(
                        "2026-05-20", "COMPLETED|1", // the planning meeting's (2026-04-08 + 6 weeks)
                        "2026-07-01", "COMPLETED|1", // the review of 2026-05-20 + 6 weeks
                        "2026-08-05", "OPEN|2026-2"), // the review of 2026-06-10 + 8 weeks
                reviews(c), "+6 weeks before 2026-06-01, +8 weeks after, each with its version"));
        assertEquals(List.of("1"), c.obligations().getList("findAll { it.kind == 'FORMAL_REVIEW' }.policyVersion"),
                "the formal review opened at the planning meeting, under the bundled version");
    }

    /** The case's PLAN_REVIEW rows by due date: status|policyVersion. */
    static Map<String, String> reviews(CaseScript c) {
        List<Map<String, Object>> rows = c.obligations().getList("findAll { it.kind == 'PLAN_REVIEW' }");
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> o : rows) {
            String previous = out.put(String.valueOf(o.get("dueDate")), o.get("status") + "|" + o.get("policyVersion"));
            assertEquals(null, previous, "one review per due date: " + rows);
        }
        return out;
    }
}
