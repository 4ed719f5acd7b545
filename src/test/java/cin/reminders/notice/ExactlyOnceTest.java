package cin.reminders.notice;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.notice.channel.Senders;
import cin.reminders.notice.render.NoticeRenderer;
import cin.reminders.notice.repository.DispatchContext;
import cin.reminders.notice.config.NoticesConfig;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.service.NoticeOutcomes;
import cin.reminders.notice.service.DispatchMetrics;
import cin.reminders.notice.service.Dispatcher;
import cin.reminders.notice.service.ReplicaId;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.SmtpSink;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.service.notify.NotificationClient;

/**
 * One message per notice, counted where it lands (the SMTP server, the Notify stub): through
 * redelivered events, a dispatcher that died mid-send, and two dispatchers on one database.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class ExactlyOnceTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Notices due at one instant for two dispatchers: more than the service's own two drains claim in one
     * pass (2 × 200), so the second dispatcher always meets a race rather than an empty queue.
     */
    static final int AGENCIES = 600;

    @Inject
    ServiceClock clock;
    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool;
    @Inject
    NoticeStore due;
    @Inject
    DispatchContext context;
    @Inject
    NoticeOutcomes outcomes;
    @Inject
    NoticeRenderer renderer;
    @Inject
    Senders senders;
    @Inject
    PolicyRegistry policies;
    @Inject
    MeterRegistry metrics;
    @Inject
    NoticesConfig config;
    @Inject
    DispatchMetrics dispatchMetrics;


    @BeforeEach
    void weekdayMorning() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
    }

    @Test
    void theSameEventsDeliveredTwiceSendEachNoticeOnce() {
        CaseScript c = new CaseScript("walsall", "XD");
        List<ObjectNode> events = List.of(
                CloudEvents.participant("walsall", c.caseId, c.person("lp", "LEAD_PROFESSIONAL", "EMAIL")),
                CloudEvents.participant("walsall", c.caseId, c.person("mum", "PARENT", "SMS").put("mobile", "07700900301")),
                CloudEvents.participant("walsall", c.caseId, c.person("school", "AGENCY", "EMAIL")),
                CloudEvents.event("walsall", c.caseId, "cin.plan.published", "2026-03-02", "version", 1,
                        "documentUrl", "https://cms.example/p/9", "amended", false));
        events.forEach(c::post);
        events.forEach(c::post); // HTTP redelivery
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) { // and a replay through Kafka
            events.forEach(e -> TestKafka.send(producer, TestKafka.structured(e)));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("SENT", c.notice("plan-copy", "mum").get("status"));
            assertEquals("SENT", c.notice("plan-copy", "school").get("status"));
        });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals(2, c.notices("plan-copy").size());
        assertEquals(1, NotifyStub.countAcceptedByReference((String) c.notice("plan-copy", "mum").get("id")));
        assertEquals(1, SmtpSink.to(c.emailOf("school")).size());
    }

    @Test
    void aDispatcherThatDiedMidSendIsRecoveredWithoutSendingTwice() throws Exception {
        CaseScript c = new CaseScript("hillingdon", "XR");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("mum", "PARENT", "SMS").put("mobile", "07700900302").putNull("email"))
                .upsert(c.person("dad", "PARENT", "SMS").put("mobile", "07700900303").putNull("email"));
        // Two notices a crashed dispatcher was holding: Notify accepted the first before the crash, not the second.
        // Notify has it before the notices exist, as it would have: recovery may take them up at once.
        UUID accepted = UUID.randomUUID();
        new NotificationClient(NotifyStub.API_KEY, NotifyStub.baseUrl())
                .sendSms(NotifyStub.SMS_TEMPLATE_ID, "+447700900302", Map.of("body", "Your plan"), accepted.toString());
        crashedNotice(c, "mum", accepted);
        UUID notYet = crashedNotice(c, "dad", UUID.randomUUID());

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("SENT", status(accepted));
            assertEquals("SENT", status(notYet));
        });
        assertEquals(1, NotifyStub.countAcceptedByReference(accepted.toString()), "found at Notify: not sent again");
        assertEquals(1, NotifyStub.countAcceptedByReference(notYet.toString()), "not at Notify: sent once");
        String providerId = NotifyStub.acceptedByReference(accepted.toString()).get(0).id();
        assertEquals(providerId, pool.preparedQuery("select provider_id from notice where id = $1").execute(Tuple.of(accepted))
                .await().indefinitely().iterator().next().getString("provider_id"));
    }

    @Test
    void aReminderRungWhoseFirerDiedIsLookedUpAtNotifyNotSentAgain() throws Exception {
        clock.restartAt(Instant.parse("2026-02-20T10:00:00Z"));
        CaseScript c = new CaseScript("walsall", "XL");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "SMS").put("mobile", "07700900304"))
                .event("cin.working-agreement.signed", "2026-03-02", "agreementNumber", 1); // LEGAL_ADVICE due 2026-03-09
        UUID obligation = UUID.fromString(c.obligations().getString("find { it.kind == 'LEGAL_ADVICE' }.id"));
        // A replica claimed the 5-day rung, Notify accepted the text, and the replica died before recording it.
        pool.preparedQuery("""
                        update reminder_rung set lease = 'dead-replica', lease_until = '2026-03-02T09:00:00Z',
                            step = 'before-5', due_at = '2026-03-02T08:30:00Z' where obligation_id = $1""")
                .execute(Tuple.of(obligation)).await().indefinitely();
        String reference = cin.reminders.domain.notice.NoticeIntent.idOf(
                "obligation-reminder|" + obligation + "|before-5|lp").toString();
        new NotificationClient(NotifyStub.API_KEY, NotifyStub.baseUrl())
                .sendSms(NotifyStub.SMS_TEMPLATE_ID, "+447700900304", Map.of("body", "Reminder"), reference);

        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", status(UUID.fromString(reference))));
        assertEquals(1, NotifyStub.countAcceptedByReference(reference), "found at Notify: not sent again");
        assertEquals("before-1", pool.preparedQuery("select step from reminder_rung where obligation_id = $1")
                .execute(Tuple.of(obligation)).await().indefinitely().iterator().next().getString(0));
    }

    @Test
    void twoDispatchersOnOneDatabaseSendEachNoticeOnce() {
        CaseScript c = new CaseScript("portsmouth", "XT");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < AGENCIES; i++) {
            ObjectNode agency = c.person("agency" + i, "AGENCY", "EMAIL");
            c.upsert(agency);
        }
        Instant dueAt = clock.now().plusSeconds(2); // all due at the same instant: both dispatchers race for them
        for (int i = 0; i < AGENCIES; i++) {
            ids.add(insertScheduled(c, "agency" + i, dueAt));
        }
        ReplicaId other = new ReplicaId();
        Dispatcher second = new Dispatcher(pool, due, context, outcomes, renderer, senders, policies, clock, dispatchMetrics,
                other, smallBatches());
        AtomicInteger claimedBySecond = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        Thread racer = new Thread(() -> {
            while (!done.get()) {
                claimedBySecond.addAndGet(second.dispatchBatch().await().atMost(Duration.ofSeconds(30)).processed());
            }
        });
        racer.start();
        try {
            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> "SENT".equals(status(id))));
        } finally {
            done.set(true);
        }
        Map<String, Long> counts = SmtpSink.countsByMessageId();
        for (UUID id : ids) {
            assertEquals(1L, counts.getOrDefault("<" + id + "@cin-reminders>", 0L), "notice " + id);
        }
        long byOthers = pool.preparedQuery("select count(*) from notice where id = any($1) and provider = 'smtp'")
                .execute(Tuple.of((Object) ids.toArray(UUID[]::new))).await().indefinitely().iterator().next().getLong(0);
        assertEquals(AGENCIES, byOthers);
        assertTrue(claimedBySecond.get() > 0, "the second dispatcher took part");
    }

    /** A second dispatcher's settings: batches of 25, 8 sends at a time, a 30 s lease, quick retries. */
    private NoticesConfig.Dispatch smallBatches() {
        NoticesConfig.Dispatch service = config.dispatch();
        return new NoticesConfig.Dispatch() {
            public int batchSize() { return 25; }
            public int concurrency() { return 8; }
            public int maxAttempts() { return 20; }
            public Duration lease() { return Duration.ofSeconds(30); }
            public Duration firstRetry() { return Duration.ofMillis(500); }
            public Duration maxRetry() { return Duration.ofSeconds(2); }
            public Duration recordFor() { return Duration.ofMinutes(10); }
            public Duration recoveryGrace() { return service.recoveryGrace(); }
            public int recoveryBatchSize() { return service.recoveryBatchSize(); }
        };
    }

    /** The notice's status, or null while it has no row. */
    private String status(UUID id) {
        var rows = pool.preparedQuery("select status from notice where id = $1").execute(Tuple.of(id)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString("status");
    }

    private UUID crashedNotice(CaseScript c, String recipient, UUID id) {
        Instant past = clock.now().minusSeconds(60);
        pool.preparedQuery("""
                        insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id,
                            recipient_role, language, status, scheduled_for, next_attempt_at, attempts, claimed_by, claimed_until,
                            data)
                        values ($1, $2, $3, 'hillingdon', 'plan-copy', 'SMS', $4, 'PARENT', 'en', 'SENDING', $5, $5, 1,
                            'dead-replica', $5, '{"documentUrl": "https://cms.example/p/1"}'::jsonb)""")
                .execute(Tuple.of(id, "test-crash|" + id, c.caseId, recipient, past.atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
        return id;
    }

    private UUID insertScheduled(CaseScript c, String recipient, Instant dueAt) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                        insert into notice (id, notice_key, case_id, authority, template, channel, recipient_participant_id,
                            recipient_role, language, status, scheduled_for, next_attempt_at, data)
                        values ($1, $2, $3, 'portsmouth', 'record-copy', 'EMAIL', $4, 'AGENCY', 'en', 'SCHEDULED', $5, $5,
                            '{"documentUrl": "https://cms.example/r/1", "record": "REVIEW"}'::jsonb)""")
                .execute(Tuple.of(id, "test-two|" + id, c.caseId, recipient, dueAt.atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
        return id;
    }
}
