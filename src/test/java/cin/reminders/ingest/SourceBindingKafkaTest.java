package cin.reminders.ingest;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * With {@code reminders.sources.*} configured (CONTRACT-2.md §6), a Kafka event from a source not bound
 * to its council goes to the DLQ with reason {@code source not allowed for authority} and nothing of it is
 * applied, while the records around it are applied as usual. HTTP is not affected.
 */
@QuarkusTest
@TestProfile(SourceBindingKafkaTest.Bound.class)
class SourceBindingKafkaTest {

    static final String DURHAM_CMS = "urn:cms:durham";
    /** A URL, to show a source with dots, slashes and colons as a (quoted) map key. */
    static final String WEST_CMS = "https://cms.west.example/case-events";
    static final String ROGUE = "urn:cms:rogue";

    /** The real infrastructure, with sources bound to councils. */
    public static class Bound extends RealInfrastructure {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "reminders.sources.\"" + DURHAM_CMS + "\"", "durham",
                    "reminders.sources.\"" + WEST_CMS + "\"", "walsall, hillingdon",
                    // The other tests' source, for every council, should one of their records still be unread.
                    "reminders.sources.\"urn:test:service\"", "durham,walsall,derbyshire,hillingdon,portsmouth");
        }
    }

    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool; // counts rows of every council

    @Test
    void aSourceSpeaksOnlyForTheCouncilsItIsBoundTo() {
        String durhamCase = CloudEvents.newCaseId("SRC-D");
        String walsallCase = CloudEvents.newCaseId("SRC-W");
        String rogueCase = CloudEvents.newCaseId("SRC-R");
        String westCase = CloudEvents.newCaseId("SRC-H");
        ObjectNode opened = from(DURHAM_CMS, CloudEvents.event("durham", durhamCase, "cin.case.opened", "2026-03-02",
                "planType", "CHILD_IN_NEED"));
        ObjectNode otherCouncil = from(DURHAM_CMS, CloudEvents.event("walsall", walsallCase, "cin.case.opened", "2026-03-02",
                "planType", "CHILD_IN_NEED"));
        ObjectNode unbound = from(ROGUE, CloudEvents.event("durham", rogueCase, "cin.case.opened", "2026-03-02",
                "planType", "CHILD_IN_NEED"));
        ObjectNode west = from(WEST_CMS, CloudEvents.event("hillingdon", westCase, "cin.case.opened", "2026-03-02",
                "planType", "CHILD_IN_NEED"));
        ObjectNode meeting = from(DURHAM_CMS, CloudEvents.event("durham", durhamCase, "cin.planning-meeting.held", "2026-03-03"));

        // One key for all, so one partition: the records are read in this order, most likely in one poll, and once
        // the last is applied every one before it has been dealt with.
        String key = durhamCase;
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            TestKafka.send(producer, keyed(key, TestKafka.structured(opened)));
            TestKafka.send(producer, keyed(key, TestKafka.structured(otherCouncil)));
            TestKafka.send(producer, keyed(key, TestKafka.binary(unbound)));
            TestKafka.send(producer, keyed(key, TestKafka.binary(west)));
            TestKafka.send(producer, keyed(key, TestKafka.structured(meeting)));
        }

        // A bound source, for its council, is applied (both events of the case, and the second council of a binding).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/cases/{id}/obligations", durhamCase).then().statusCode(200)
                        .body("find { it.kind == 'PLAN_COMPLETION' }.dueDate", Matchers.equalTo("2026-03-06")));
        assertEquals(1, processed(WEST_CMS, west), "a source bound to two councils speaks for the second");
        assertEquals(1, processed(DURHAM_CMS, opened));

        // The source bound to another council, and the unbound source, are dead-lettered with the contract's reason.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, ConsumerRecord<String, byte[]>> dead = TestKafka.readAll("case-events.dlq", Duration.ofSeconds(1))
                    .stream().filter(r -> key.equals(r.key()))
                    .collect(Collectors.toMap(SourceBindingKafkaTest::eventId, r -> r, (a, b) -> a));
            assertEquals(Set.of(id(otherCouncil), id(unbound)), dead.keySet(), "dead-lettered: " + dead.keySet());
            for (ConsumerRecord<String, byte[]> r : dead.values()) {
                assertEquals("source not allowed for authority", TestKafka.header(r, "dlq-reason"), "the contract's words");
                assertEquals("source", TestKafka.header(r, "dlq-field"));
                assertEquals("case-events", TestKafka.header(r, "dlq-original-topic"));
            }
        });

        // Nothing of them was applied: not recorded as processed, no case, no obligation.
        assertEquals(0, processed(DURHAM_CMS, otherCouncil));
        assertEquals(0, processed(ROGUE, unbound));
        assertEquals(0, count("select count(*) from case_record where case_id = any($1)", walsallCase, rogueCase));
        assertEquals(0, count("select count(*) from obligation where case_id = any($1)", walsallCase, rogueCase));
        given().get("/api/cases/{id}/obligations", walsallCase).then().statusCode(404);
        given().get("/api/cases/{id}/obligations", rogueCase).then().statusCode(404);
    }

    @Test
    void overHttpTheBindingsDoNotApply() {
        String caseId = CloudEvents.newCaseId("SRC-HTTP");
        given().contentType("application/cloudevents+json")
                .body(from(ROGUE, CloudEvents.event("durham", caseId, "cin.case.opened", "2026-03-02",
                        "planType", "CHILD_IN_NEED")).toString())
                .post("/api/events").then().statusCode(202);
    }

    private static ObjectNode from(String source, ObjectNode event) {
        return event.put("source", source);
    }

    private static String id(ObjectNode event) {
        return event.get("id").asText();
    }

    private static ProducerRecord<String, byte[]> keyed(String key, ProducerRecord<String, byte[]> r) {
        return new ProducerRecord<>(r.topic(), null, key, r.value(), r.headers());
    }

    /** The event id of a dead-lettered record: the ce_id header (binary mode) or the value's id (structured). */
    private static String eventId(ConsumerRecord<String, byte[]> r) {
        String header = TestKafka.header(r, "ce_id");
        if (header != null) {
            return header;
        }
        try {
            return CloudEvents.JSON.readTree(r.value()).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long processed(String source, ObjectNode event) {
        return pool.preparedQuery("select count(*) from processed_event where source = $1 and event_id = $2")
                .execute(Tuple.of(source, id(event))).await().indefinitely().iterator().next().getLong(0);
    }

    private long count(String sql, String... caseIds) {
        return pool.preparedQuery(sql).execute(Tuple.of((Object) caseIds)).await().indefinitely().iterator().next().getLong(0);
    }
}
