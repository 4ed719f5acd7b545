package cin.reminders.notice;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.PolicyDir;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.SmtpSink;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A council with letters off (CONTRACT-2 §5): a person reachable only by post gets nothing by post, and the lead
 * professional is told ({@code contact-failed}, {@code no-contact}) as before letters existed. Durham's bundled policy,
 * replaced from {@code reminders.policies.dir} by a copy with letters off.
 */
@QuarkusTest
@TestProfile(LettersOffTest.DurhamWithoutLetters.class)
class LettersOffTest {

    public static class DurhamWithoutLetters extends RealInfrastructure {
        @Override
        public Map<String, String> getConfigOverrides() {
            return PolicyDir.withEdited("durham.yaml", "durham.yaml",
                    yaml -> yaml.replaceAll("(?m)^letters: .*$", "letters: {enabled: false}"));
        }
    }

    @Inject
    ServiceClock clock;

    @Test
    void withLettersOffTheLeadProfessionalGetsContactFailedAsBefore() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        CaseScript c = new CaseScript("durham", "LTOFF");
        ObjectNode dad = c.person("dad", "PARENT", "LETTER");
        dad.putNull("email");
        dad.putNull("mobile");
        dad.set("address", LetterDeliveryTest.address(LetterDeliveryTest.LINES, LetterDeliveryTest.POSTCODE));
        long letters = NotifyStub.letters().size();
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL")).upsert(dad)
                .event("cin.plan.published", "2026-03-02", "version", 1, "documentUrl", "https://cms.example/p/1");
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertEquals("FAILED", c.notice("plan-copy", "dad").get("status"));
            assertEquals("SENT", c.notice("contact-failed", "lp").get("status"));
        });
        String text = SmtpSink.text(SmtpSink.await(m -> c.emailOf("lp").equals(SmtpSink.mailbox(m)), 1,
                Duration.ofSeconds(40)).get(0));
        assertTrue(text.contains("there is no email address or mobile number on record for them"), text);
        assertEquals(letters, NotifyStub.letters().size(), "nothing was posted");
        assertEquals(List.of(), c.notices("plan-copy").stream().filter(n -> "SENT".equals(n.get("status"))).toList());
    }
}
