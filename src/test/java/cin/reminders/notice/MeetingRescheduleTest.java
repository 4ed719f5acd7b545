package cin.reminders.notice;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.RealInfrastructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A re-scheduled meeting withdraws the reminders of its earlier scheduling, whatever the two events' ids:
 * an id that is the beginning of another (mtg-1 and mtg-12) must not keep the other's reminders.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class MeetingRescheduleTest {

    @Inject
    ServiceClock clock;

    @Test
    void theEarlierSchedulingsReminderIsWithdrawnEvenWhenTheNewIdBeginsTheOldOne() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        CaseScript c = new CaseScript("walsall", "RESCHED");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL")).upsert(c.person("mum", "PARENT", "EMAIL"));
        String base = "mtg-" + UUID.randomUUID().toString().substring(0, 8);
        c.post(scheduled(c, base + "2", "2026-03-10T10:00")); // first set for the 10th...
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1, c.notices("meeting-reminder").size()));
        c.post(scheduled(c, base, "2026-03-11T14:00"));       // ...then moved to the 11th, under an id that begins the first's

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> reminders = c.notices("meeting-reminder");
            assertEquals(1, reminders.size(), "only the new scheduling's reminder: " + reminders);
            assertEquals("2026-03-10T10:00:00Z", reminders.get(0).get("scheduledFor"), "the day before the 11th, 10:00");
        });
    }

    private static ObjectNode scheduled(CaseScript c, String id, String startsAt) {
        ObjectNode e = CloudEvents.event(c.authority, c.caseId, "cin.meeting.scheduled", "2026-03-02", "meeting", "REVIEW",
                "startsAt", startsAt, "venue", "Family Centre", "invitees", List.of("mum"));
        e.put("id", id);
        return e;
    }
}
