package cin.reminders.notice;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.policy.ReminderPolicy;
import cin.reminders.ingest.kafka.CatchUp;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.Databases;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * Catching up without false alarms (issue 13, part 5). A case-management system sends a backlog after an outage:
 * 5,000 back-dated events for 500 Portsmouth cases, in the order they happened across cases, 500 of them one HTTP
 * request each and 4,500 through Kafka (polls of up to 1,000). Each case's transfer opens an initial plan and a home
 * visit that are overdue the moment they are created; the backlog's later events complete them (the plan was created,
 * the visits made, on time). What is left open and overdue is real: half the cases never had their initial plan, the
 * other half never had the planning meeting the plan asked for.
 * <p>
 * Counted: no reminder or escalation at all for an obligation the backlog completes, nothing before the settle period
 * is out, and every truly overdue obligation escalated once it is.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class CatchUpBacklogTest {

    static final int CASES = 500;
    static final int OVER_HTTP = 50;
    static final String COUNCIL = "portsmouth";

    @Inject
    ServiceClock clock;
    @Inject
    CatchUp catchUp;
    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool;

    /** A case's events, in the order its system recorded them: ten each. */
    static List<ObjectNode> backlogOf(String caseId, boolean planCreated) {
        List<ObjectNode> e = new ArrayList<>();
        e.add(CloudEvents.participant(COUNCIL, caseId, CloudEvents.person("lp", "LEAD_PROFESSIONAL", "EMAIL")));
        e.add(CloudEvents.participant(COUNCIL, caseId, CloudEvents.person("tm", "TEAM_MANAGER", "EMAIL")));
        e.add(CloudEvents.event(COUNCIL, caseId, "cin.case.opened", "2025-12-01", "planType", "CHILD_IN_NEED"));
        // Opens INITIAL_PLAN (due 2025-12-22) and HOME_VISIT (due 2026-01-12): both overdue when created today.
        e.add(CloudEvents.event(COUNCIL, caseId, "cin.case.transferred", "2025-12-01", "toTeam", "CIN East"));
        e.add(planCreated
                // Completes INITIAL_PLAN on time; opens PLANNING_MEETING due 2026-01-15, which nothing here completes.
                ? CloudEvents.event(COUNCIL, caseId, "cin.plan.initial-created", "2025-12-18")
                : CloudEvents.participant(COUNCIL, caseId, CloudEvents.person("mum", "PARENT", "EMAIL")));
        // Each visit completes the home visit that was due and opens the next, itself overdue until the next event.
        e.add(CloudEvents.event(COUNCIL, caseId, "cin.visit.completed", "2025-12-20"));
        e.add(CloudEvents.event(COUNCIL, caseId, "cin.visit.completed", "2026-01-10"));
        e.add(CloudEvents.event(COUNCIL, caseId, "cin.visit.completed", "2026-02-01"));
        e.add(CloudEvents.event(COUNCIL, caseId, "cin.visit.completed", "2026-02-25")); // the next is due 2026-04-08
        e.add(CloudEvents.participant(COUNCIL, caseId, CloudEvents.person("lp", "LEAD_PROFESSIONAL", "EMAIL")
                .put("name", "Renamed lead professional")));
        return e;
    }

    @Test
    void aBacklogRaisesNoFalseAlarmsAndEveryRealOneOnceItHasSettled() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z")); // Monday 10:00 in London
        String batch = "CU" + UUID.randomUUID().toString().substring(0, 6);
        List<List<ObjectNode>> http = new ArrayList<>();
        List<List<ObjectNode>> kafka = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            (i < OVER_HTTP ? http : kafka).add(backlogOf(batch + "-" + i, i % 2 == 0));
        }
        // The backlog in the order it happened, across cases: the Kafka part produced at once, the HTTP part posted
        // one request at a time meanwhile.
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            for (int k = 0; k < 10; k++) {
                for (List<ObjectNode> events : kafka) {
                    producer.send(TestKafka.structured(events.get(k)));
                }
            }
            producer.flush();
            // What the consumers' lag is just after the Kafka part lands (it depends on how fast they poll: reported only).
            System.out.printf("Consumer lag just after the Kafka part was produced: %s%n",
                    catchUp.measure().await().atMost(Duration.ofSeconds(10)));
            for (int k = 0; k < 10; k++) {
                for (List<ObjectNode> events : http) {
                    given().contentType("application/cloudevents+json").body(events.get(k).toString()).post("/api/events")
                            .then().statusCode(202);
                }
            }
        }
        java.util.concurrent.atomic.AtomicLong largestLag = new java.util.concurrent.atomic.AtomicLong();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            catchUp.catchingUp(); // keeps the lag reading fresh
            largestLag.accumulateAndGet(catchUp.lag(), Math::max);
            return count("select count(*) from processed_event where case_id like $1", batch) == CASES * 10L;
        });
        System.out.printf("Backlog ingested; the largest consumer lag read meanwhile: %d records%n", largestLag.get());

        // Caught up, in less than the settle period: nothing has gone out yet, real or not.
        assertEquals(0, count("""
                select count(*) from notice where case_id like $1
                and template in ('obligation-reminder', 'obligation-overdue')""", batch));
        long trulyOverdue = count("""
                select count(*) from obligation where case_id like $1 and status = 'OPEN' and due_date < date '2026-03-02'""",
                batch);
        assertEquals(CASES, trulyOverdue, "one obligation really overdue per case: INITIAL_PLAN or PLANNING_MEETING");

        // The consumer has caught up (its lag, read from the Kafka client's own metric on its partitions), and the
        // settle period passes.
        CatchUp.Reading reading = catchUp.measure().await().atMost(Duration.ofSeconds(10));
        assertTrue(reading.partitions() > 0, "the consumers' records-lag is read: " + reading);
        await().atMost(Duration.ofSeconds(30)).until(() -> !catchUp.catchingUp());
        Instant settled = clock.now().plus(ReminderPolicy.STANDARD_SETTLE);
        clock.restartAt(settled.plusSeconds(30));

        // Every truly overdue obligation escalated to its team manager.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertEquals(trulyOverdue,
                count("""
                        select count(distinct o.id) from obligation o join notice n on n.obligation_id = o.id
                        where o.case_id like $1 and o.status = 'OPEN' and o.due_date < date '2026-03-02'
                          and n.template = 'obligation-overdue' and n.recipient_role = 'TEAM_MANAGER'
                          and n.status in ('SENT', 'DELIVERED')""", batch)));
        // None for an obligation the backlog completed: no escalation, and no reminder either.
        assertEquals(0, count("""
                select count(*) from notice n join obligation o on o.id = n.obligation_id
                where o.case_id like $1 and o.status <> 'OPEN'
                  and n.template in ('obligation-reminder', 'obligation-overdue')""", batch));
        long completed = count("select count(*) from obligation where case_id like $1 and status <> 'OPEN'", batch);
        assertTrue(completed >= CASES * 4L, "the backlog completed " + completed + " obligations");
    }

    private long count(String sql, String batch) {
        Row r = pool.preparedQuery(sql).execute(Tuple.of(batch + "-%")).await().indefinitely().iterator().next();
        return r.getLong(0);
    }
}
