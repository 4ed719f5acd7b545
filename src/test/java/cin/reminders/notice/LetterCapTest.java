package cin.reminders.notice;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.notice.repository.LetterAllowanceStore;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.RealInfrastructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Notify's daily letter limit, counted by the service for every replica together (here 2 a day, so the test is
 * small): the letters over it are not posted, not failed and not counted as attempts; they wait for the next day,
 * with the wait on the notice.
 */
@QuarkusTest
@TestProfile(LetterCapTest.TwoLettersADay.class)
class LetterCapTest {

    public static class TwoLettersADay extends RealInfrastructure {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notify.letters-per-day", "2");
        }
    }

    @Inject
    ServiceClock clock;
    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool;
    @Inject
    LetterAllowanceStore allowance;

    @Test
    void lettersOverTheDailyLimitWaitForTheNextDay() {
        // The day's count is shared by the whole test run's database: start this test's day afresh.
        allowance.forgetBefore(pool, LocalDate.now(ZoneOffset.UTC).plusDays(1)).await().atMost(Duration.ofSeconds(10));
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        CaseScript c = new CaseScript("durham", "LTCAP");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"));
        for (String id : List.of("mum", "dad", "gran")) {
            ObjectNode p = c.person(id, "CARER", "LETTER");
            p.putNull("email");
            p.putNull("mobile");
            p.set("address", LetterDeliveryTest.address(LetterDeliveryTest.LINES, LetterDeliveryTest.POSTCODE));
            c.upsert(p);
        }
        c.event("cin.plan.published", "2026-03-02", "version", 1, "documentUrl", "https://cms.example/p/1");
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            List<Map<String, Object>> copies = c.notices("plan-copy");
            assertEquals(3, copies.size());
            assertEquals(2, copies.stream().filter(n -> "SENT".equals(n.get("status"))).count(), copies.toString());
            Map<String, Object> waiting = copies.stream().filter(n -> "SCHEDULED".equals(n.get("status")))
                    .findFirst().orElseThrow();
            assertTrue(String.valueOf(waiting.get("reason")).contains("daily letter limit (2) reached"),
                    String.valueOf(waiting.get("reason")));
            assertEquals(0, ((Number) waiting.get("attempts")).intValue(), "the wait is not an attempt");
        });
        long posted = c.notices("plan-copy").stream()
                .mapToLong(n -> NotifyStub.lettersByReference((String) n.get("id")).size()).sum();
        assertEquals(2, posted, "two letters reached Notify, none over the limit");
        assertTrue(c.notices("contact-failed").isEmpty(), "waiting for the next day is nobody's failure");
    }
}
