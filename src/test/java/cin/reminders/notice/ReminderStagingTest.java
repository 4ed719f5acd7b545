package cin.reminders.notice;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.notice.service.ReminderStaging;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.Databases;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staging (ReminderStaging): a rung falling due within the next minute is claimed and rendered beforehand, and handed
 * to its channel at its instant, once; a rung changed meanwhile is given back unsent; a stop gives staged rungs back.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class ReminderStagingTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** Far enough ahead for a staging tick (every second) to claim it, and for the test to look before it goes. */
    static final Duration LEAD = Duration.ofSeconds(8);

    @Inject
    ServiceClock clock;
    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool;
    @Inject
    ReminderStaging staging;

    @BeforeEach
    void beforeTheLadderStarts() {
        clock.restartAt(Instant.parse("2026-02-20T10:00:00Z"));
    }

    @Test
    void aRungDueWithinTheMinuteIsStagedThenSentAtItsInstantOnce() {
        CaseScript c = new CaseScript("walsall", "SG");
        UUID obligation = legalAdvice(c, "07700900311");
        Instant at = shortlyBefore(obligation);
        String reference = reference(obligation);

        // Staged: leased by this replica before its instant, and nothing sent yet.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertNotNull(rung(obligation).getString("lease")));
        assertTrue(clock.now().isBefore(at), "staged before its instant");
        assertEquals(0, NotifyStub.countAcceptedByReference(reference));

        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", status(reference)));
        Instant sentAt = notice(reference).getOffsetDateTime("sent_at").toInstant();
        assertTrue(!sentAt.isBefore(at), "not before its instant: " + sentAt + " < " + at);
        assertTrue(sentAt.isBefore(at.plusSeconds(1)), "handed over within a second of its instant: " + sentAt);
        assertEquals(1, NotifyStub.countAcceptedByReference(reference));
        Row rung = rung(obligation);
        assertEquals("before-1", rung.getString("step"), "the ladder moved on");
        assertNull(rung.getString("lease"));
    }

    @Test
    void aRungRetimedAfterItWasStagedIsGivenBackUnsent() {
        CaseScript c = new CaseScript("walsall", "SR");
        UUID obligation = legalAdvice(c, "07700900312");
        Instant at = shortlyBefore(obligation);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertNotNull(rung(obligation).getString("lease")));

        // The due date moved while it was staged: the ladder is re-timed (a held lease stays with its holder).
        Instant later = at.plus(Duration.ofHours(3));
        pool.preparedQuery("update reminder_rung set due_at = $2 where obligation_id = $1")
                .execute(Tuple.of(obligation, later.atOffset(ZoneOffset.UTC))).await().indefinitely();

        await().atMost(WAIT).untilAsserted(() -> assertNull(rung(obligation).getString("lease"), "given back at its instant"));
        assertTrue(!clock.now().isBefore(at));
        assertEquals(0, NotifyStub.countAcceptedByReference(reference(obligation)));
        assertEquals(later, rung(obligation).getOffsetDateTime("due_at").toInstant(), "left to fire at its new time");
    }

    @Test
    void aStopGivesStagedRungsBackAndTheyAreStillSentOnce() {
        CaseScript c = new CaseScript("walsall", "SS");
        UUID obligation = legalAdvice(c, "07700900313");
        shortlyBefore(obligation);
        // Staged: leased, and its wave held (the claim's lease commits before the wave is planned and rendered).
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertNotNull(rung(obligation).getString("lease"));
            assertTrue(staging.nextWave().isPresent(), "a staged wave");
        });

        assertTrue(staging.releaseAll() >= 1, "the staged rung was handed back");
        String reference = reference(obligation);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", status(reference)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(1, NotifyStub.countAcceptedByReference(reference)));
    }

    /** A Walsall working agreement's legal advice, with an SMS-reached lead professional; its obligation. */
    private static UUID legalAdvice(CaseScript c, String mobile) {
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "SMS").put("mobile", mobile))
                .event("cin.working-agreement.signed", "2026-03-02", "agreementNumber", 1); // LEGAL_ADVICE due 2026-03-09
        return UUID.fromString(c.obligations().getString("find { it.kind == 'LEGAL_ADVICE' }.id"));
    }

    /** Moves the clock to {@code LEAD} before the obligation's first rung (five working days before); its instant. */
    private Instant shortlyBefore(UUID obligation) {
        Row rung = rung(obligation);
        assertEquals("before-5", rung.getString("step"));
        Instant at = rung.getOffsetDateTime("due_at").toInstant();
        clock.restartAt(at.minus(LEAD));
        return at;
    }

    private static String reference(UUID obligation) {
        return NoticeIntent.idOf("obligation-reminder|" + obligation + "|before-5|lp").toString();
    }

    private Row rung(UUID obligation) {
        return pool.preparedQuery("select step, lease, due_at from reminder_rung where obligation_id = $1")
                .execute(Tuple.of(obligation)).await().indefinitely().iterator().next();
    }

    private Row notice(String id) {
        var rows = pool.preparedQuery("select status, sent_at from notice where id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private String status(String id) {
        Row r = notice(id);
        return r == null ? null : r.getString("status");
    }
}
