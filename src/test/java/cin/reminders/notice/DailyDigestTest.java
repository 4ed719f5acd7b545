package cin.reminders.notice;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.notice.NoticeKey;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.notice.config.NoticesConfig;
import cin.reminders.notice.repository.DigestDayStore;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.service.DigestPlanner;
import cin.reminders.notice.service.ReminderFiring;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.Databases;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.PolicyDir;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.SmtpSink;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The daily digest (CONTRACT-2 §7), with Derbyshire on {@code reminders.delivery: digest} and every other council on
 * {@code each}: one email per professional per working day, whatever replays, second replicas and restarts do, with
 * each rung's own notice kept as SUPPRESSED {@code in-digest} naming the digest.
 */
@QuarkusTest
@TestProfile(DailyDigestTest.DerbyshireOnDigest.class)
class DailyDigestTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    /** Monday 9 March 2026, a working day: GMT, so 08:30 in London is 08:30 UTC. */
    static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);

    public static class DerbyshireOnDigest extends RealInfrastructure {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.putAll(PolicyDir.withEdited("derbyshire.yaml", "derbyshire.yaml",
                    // No settling wait, so that a rung created already due fires at once (the last step of the test).
                    yaml -> yaml.replace("  escalateEvery: 5\n", "  escalateEvery: 5\n  settle: PT0S\n  delivery: digest\n")));
            // Long enough for the 08:30 rungs to fire and join, short enough for a test to wait for.
            config.put("notices.reminders.digest-gather", "20s");
            return config;
        }
    }

    @Inject
    ServiceClock clock;
    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool;
    @Inject
    ReminderFiring firing;
    @Inject
    PolicyRegistry policies;
    @Inject
    ObligationStore obligations;
    @Inject
    ParticipantStore participants;
    @Inject
    NoticeStore notices;
    @Inject
    DigestDayStore days;
    @Inject
    NoticesConfig config;

    @Test
    void rungsFallingOnOneDayGiveOneDigestPerProfessionalWhateverTheReplicasAndRestarts() throws Exception {
        clock.restartAt(Instant.parse("2026-03-06T10:00:00Z")); // Friday
        // Friday's digests are planned now, before any case of this test exists, as the loop would at once. Otherwise
        // the loop may plan Friday after the colleague's overdue case below, and that colleague and the team manager
        // rightly get a Friday digest too (one CI run in many: two digests where the test counts Monday's).
        new DigestPlanner(pool, policies, obligations, participants, notices, days, clock, config).planDue()
                .await().atMost(Duration.ofSeconds(10));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lp = "lp-" + run;
        String lp2 = "lp2-" + run;
        String tm = "tm-" + run;
        // Three of the lead professional's cases whose plan reviews are due on Monday 16 March: their 5-day rungs all
        // fall on Monday 9 March at 08:30.
        List<CaseScript> three = List.of(new CaseScript("derbyshire", "DG"), new CaseScript("derbyshire", "DG"),
                new CaseScript("derbyshire", "DG"));
        for (CaseScript c : three) {
            c.upsert(professional(lp, "LEAD_PROFESSIONAL", run)).upsert(professional(tm, "TEAM_MANAGER", run))
                    .event("cin.planning-meeting.held", "2026-03-02", "firstReviewDate", "2026-03-16");
        }
        // A colleague's case in the same team, its review overdue since 10 February: the colleague's digest lists it,
        // and so does the team manager's.
        CaseScript late = new CaseScript("derbyshire", "DL");
        late.upsert(professional(lp2, "LEAD_PROFESSIONAL", run)).upsert(professional(tm, "TEAM_MANAGER", run))
                .event("cin.planning-meeting.held", "2026-01-05", "firstReviewDate", "2026-02-10");
        // Walsall stays on `each`: its professional's rung goes on its own, as today.
        CaseScript each = new CaseScript("walsall", "DE");
        each.upsert(professional("lpw-" + run, "LEAD_PROFESSIONAL", run))
                .event("cin.working-agreement.signed", "2026-03-06", "agreementNumber", 1); // legal advice due 13 March
        // Redelivered events change nothing.
        for (CaseScript c : three) {
            c.upsert(professional(lp, "LEAD_PROFESSIONAL", run))
                    .event("cin.planning-meeting.held", "2026-03-02", "firstReviewDate", "2026-03-16");
        }
        UUID digest = NoticeKey.dailyDigest("derbyshire", lp, MONDAY).id();
        UUID tmDigest = NoticeKey.dailyDigest("derbyshire", tm, MONDAY).id();
        UUID lp2Digest = NoticeKey.dailyDigest("derbyshire", lp2, MONDAY).id();

        clock.restartAt(Instant.parse("2026-03-09T08:29:58Z"));
        // A second replica firing the same rungs at the same time, and planning the same day.
        CompletableFuture<Void> secondFirer = CompletableFuture.runAsync(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < until) {
                firing.fireBatch().await().atMost(Duration.ofSeconds(30));
            }
        });
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", status(digest)));
        secondFirer.get();
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("SENT", status(tmDigest));
            assertEquals("SENT", status(lp2Digest));
        });
        // Another replica, or this one restarted, plans the day again: nothing more.
        DigestPlanner otherReplica = new DigestPlanner(pool, policies, obligations, participants, notices, days, clock, config);
        assertEquals(0, otherReplica.planDue().await().atMost(Duration.ofSeconds(10)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);

        List<MimeMessage> mine = digests(lp, run);
        assertEquals(1, mine.size(), "one digest for the lead professional");
        String text = SmtpSink.text(mine.get(0));
        for (CaseScript c : three) {
            assertTrue(text.contains("Case reference " + c.caseId), text);
        }
        assertTrue(text.contains("DUE FOR YOU TODAY"), text);
        assertFalse(text.contains(late.caseId), "a colleague's case is not in a lead professional's digest");
        String subject = mine.get(0).getSubject();
        assertTrue(subject.startsWith("Your work for Monday 9 March 2026"), subject);
        assertFalse(three.stream().anyMatch(c -> subject.contains(c.caseId)), "no case in the subject");

        // Each rung's own notice: SUPPRESSED in-digest, naming the digest; none of them sent on its own.
        for (CaseScript c : three) {
            List<Map<String, Object>> rungs = c.notices("obligation-reminder").stream()
                    .filter(n -> lp.equals(((Map<?, ?>) n.get("recipient")).get("participantId")))
                    .filter(n -> String.valueOf(n.get("scheduledFor")).startsWith(MONDAY.toString())) // not the next rung
                    .toList();
            assertFalse(rungs.isEmpty(), c.caseId);
            for (Map<String, Object> n : rungs) {
                assertEquals("SUPPRESSED", n.get("status"), c.caseId + " " + n);
                assertEquals("in-digest", n.get("reason"));
                assertEquals(digest.toString(), n.get("digestId"));
            }
        }
        assertEquals(0, SmtpSink.to(lp + "@" + run + ".example").stream().filter(m -> !isDigest(m)).count(),
                "no rung of a digest council sent on its own");

        List<MimeMessage> lp2s = digests(lp2, run);
        assertEquals(1, lp2s.size());
        assertTrue(SmtpSink.text(lp2s.get(0)).contains(late.caseId), "the colleague's overdue review is in their digest");
        List<MimeMessage> tms = digests(tm, run);
        assertEquals(1, tms.size(), "one digest for the team manager");
        assertTrue(SmtpSink.text(tms.get(0)).contains(late.caseId), "the team's overdue work is in the manager's digest");

        // Walsall, on each: its rung went on its own, with no digest.
        await().atMost(WAIT).untilAsserted(() ->
                assertEquals("SENT", each.notice("obligation-reminder", "lpw-" + run).get("status")));
        assertNull(each.notice("obligation-reminder", "lpw-" + run).get("digestId"));
        assertTrue(digests("lpw-" + run, run).isEmpty());
        assertEquals(null, status(NoticeKey.dailyDigest("walsall", "lpw-" + run, MONDAY).id()));

        // After the digest has gone, a rung that falls due in working hours goes on its own.
        CaseScript later = new CaseScript("derbyshire", "DA");
        later.upsert(professional(lp, "LEAD_PROFESSIONAL", run))
                .event("cin.planning-meeting.held", "2026-03-02", "firstReviewDate", "2026-03-10"); // due tomorrow
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> n = later.notice("obligation-reminder", lp);
            assertEquals("SENT", n == null ? null : n.get("status"));
            assertNull(n.get("digestId"));
        });
        assertEquals(1, digests(lp, run).size(), "still one digest");
    }

    /** A professional of this run, with an email address of this run. */
    static ObjectNode professional(String id, String role, String run) {
        ObjectNode p = cin.reminders.testing.CloudEvents.person(id, role, "EMAIL");
        p.put("email", id + "@" + run + ".example");
        return p;
    }

    static boolean isDigest(MimeMessage m) {
        try {
            return m.getSubject() != null && m.getSubject().startsWith("Your work for");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<MimeMessage> digests(String participant, String run) {
        return SmtpSink.to(participant + "@" + run + ".example").stream().filter(DailyDigestTest::isDigest)
                .collect(Collectors.toList());
    }

    String status(UUID id) {
        var rows = pool.preparedQuery("select status from notice where id = $1").execute(Tuple.of(id))
                .await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString("status");
    }
}
