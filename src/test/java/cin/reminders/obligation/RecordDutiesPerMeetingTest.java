package cin.reminders.obligation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
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
 * Issue 13 (POLICIES.md, "Except record distributions"), over HTTP and through the real dispatch: a planning
 * meeting's record duty is overdue when two care team meetings follow; the case lists three record duties, the first
 * still overdue; the record published for the first care team meeting (its {@code meetingDate}) goes out and
 * completes exactly that meeting's duty.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class RecordDutiesPerMeetingTest {

    static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    ServiceClock clock;

    @Test
    void eachMeetingKeepsItsRecordDutyAndARecordCompletesOnlyItsOwn() {
        clock.restartAt(Instant.parse("2026-05-08T10:00:00Z")); // Friday 11:00 in London
        CaseScript c = new CaseScript("durham", "RD");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("mum", "PARENT", "EMAIL"))
                .upsert(c.person("school", "AGENCY", "EMAIL"))
                .event("cin.case.opened", "2026-03-02", "planType", "CHILD_IN_NEED")
                .event("cin.planning-meeting.held", "2026-03-02")
                .event("cin.care-team.meeting-held", "2026-03-12")
                .event("cin.care-team.meeting-held", "2026-05-07");

        assertEquals(Map.of(
                        "2026-03-02", "OVERDUE|2026-03-16|U3|PLANNING_MEETING",
                        "2026-03-12", "OPEN|null|U6|CARE_TEAM_MEETING",
                        "2026-05-07", "OPEN|null|U6|CARE_TEAM_MEETING"),
                recordDuties(c), "three record duties, the planning meeting's still overdue");

        c.event("cin.record.published", "2026-05-08", "record", "CARE_TEAM_MEETING",
                "documentUrl", "https://cms.example/records/ctm-1", "meetingDate", "2026-03-12");

        await().atMost(WAIT).untilAsserted(() -> assertEquals(Map.of(
                "2026-03-02", "OVERDUE|2026-03-16|U3|PLANNING_MEETING",
                "2026-03-12", "COMPLETED|null|U6|CARE_TEAM_MEETING",
                "2026-05-07", "OPEN|null|U6|CARE_TEAM_MEETING"), recordDuties(c)));
        assertEquals(2, c.notices("record-copy").size(), "copies to the parent and the agency");
    }

    /** The case's MEETING_RECORD_DISTRIBUTION rows by meeting date: status|dueDate|ruleId|record. */
    static Map<String, String> recordDuties(CaseScript c) {
        List<Map<String, Object>> rows = c.obligations().getList("findAll { it.kind == 'MEETING_RECORD_DISTRIBUTION' }");
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> o : rows) {
            String previous = out.put(String.valueOf(o.get("meetingDate")),
                    o.get("status") + "|" + o.get("dueDate") + "|" + o.get("ruleId") + "|" + o.get("record"));
            assertEquals(null, previous, "one duty per meeting: " + rows);
        }
        return out;
    }
}
