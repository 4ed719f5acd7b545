package cin.reminders.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PostalAddress;
import cin.reminders.domain.model.Role;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.platform.sql.Databases;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.RealInfrastructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A participant's postal address (V10) is written and read by ParticipantStore with the rest of the participant, is
 * replaced or dropped by the next upsert, lives in the participant's row and nowhere else, and goes with the row.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class ParticipantAddressStoreTest {

    /** Every table that holds a council's data (as RowLevelSecurityTest lists them). */
    static final List<String> TABLES = List.of("case_record", "participant", "obligation", "reminder_rung", "notice",
            "dispatch_group", "receipt_outbox", "processed_event", "access_log");

    @Inject
    ParticipantStore store;

    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool; // the default pool sees no rows outside a transaction that names its councils

    final String caseId = CloudEvents.newCaseId("ADDR");
    final CaseRef ref = new CaseRef("durham", caseId);
    /** A line no other test writes: found anywhere in the database, it came from here. */
    final String line = "Flat " + UUID.randomUUID().toString().substring(0, 8);

    void post(ObjectNode event) {
        given().contentType("application/cloudevents+json").body(event.toString()).post("/api/events")
                .then().statusCode(202);
    }

    ObjectNode mum(Object address) {
        ObjectNode mum = CloudEvents.person("mum", "PARENT", "LETTER").put("addressConfidential", true);
        if (address != null) {
            mum.set("address", CloudEvents.JSON.valueToTree(address));
        }
        return mum;
    }

    Optional<Participant> stored(String id) {
        return store.forCase(pool, ref).await().indefinitely().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Rows of each table whose text holds {@code secret}, by table. */
    Map<String, Long> rowsHolding(String secret) {
        TreeMap<String, Long> found = new TreeMap<>();
        for (String table : TABLES) {
            long n = pool.preparedQuery("select count(*) from " + table + " t where t::text like $1")
                    .execute(Tuple.of("%" + secret + "%")).await().indefinitely().iterator().next().getLong(0);
            if (n > 0) {
                found.put(table, n);
            }
        }
        return found;
    }

    @Test
    void theAddressIsStoredWithTheParticipantReadBackReplacedDroppedAndRemovedWithIt() {
        post(CloudEvents.participant("durham", caseId, CloudEvents.person("lp", "LEAD_PROFESSIONAL", "EMAIL")));
        post(CloudEvents.participant("durham", caseId,
                mum(Map.of("lines", List.of(" " + line + " ", "10 Downing Street", "London"), "postcode", "sw1a2aa"))));

        Participant read = stored("mum").orElseThrow();
        assertEquals(Optional.of(PostalAddress.of(List.of(line, "10 Downing Street", "London"), "SW1A 2AA")),
                read.postalAddress(), "stripped and normalised, as the reader gave it");
        assertEquals(Channel.LETTER, read.preferredChannel());
        assertTrue(read.addressConfidential());
        assertEquals(Optional.empty(), stored("lp").orElseThrow().postalAddress());
        assertEquals(Map.of("participant", 1L), rowsHolding(line), "the address is in the participant's row alone");

        // Five lines (the most), one with a comma and an apostrophe: kept line for line.
        List<String> five = List.of(line, "St Mary's Court, Block B", "2 Church Lane", "Little Snoring", "Fakenham");
        post(CloudEvents.participant("durham", caseId, mum(Map.of("lines", five, "postcode", "NR21 0AA"))));
        assertEquals(Optional.of(PostalAddress.of(five, "NR21 0AA")), stored("mum").orElseThrow().postalAddress());

        // An upsert without an address leaves none on record.
        post(CloudEvents.participant("durham", caseId, mum(null)));
        assertEquals(Optional.empty(), stored("mum").orElseThrow().postalAddress());
        assertEquals(Map.of(), rowsHolding(line));

        // Given again, then the participant is removed: the row goes, and the address with it.
        post(CloudEvents.participant("durham", caseId, mum(Map.of("lines", List.of(line), "postcode", "M1 1AE"))));
        assertEquals(Map.of("participant", 1L), rowsHolding(line));
        post(CloudEvents.event("durham", caseId, "cin.participant.removed", null, "participantId", "mum"));
        assertEquals(Optional.empty(), stored("mum"));
        assertEquals(Map.of(), rowsHolding(line), "nothing of the address is left anywhere");
        assertTrue(stored("lp").isPresent());
    }

    @Test
    void theStoreWritesAndReadsABatchWithAndWithoutAddresses() {
        String other = CloudEvents.newCaseId("ADDR-B");
        CaseRef batchRef = new CaseRef("durham", other);
        // The case row first (participants refer to it), by the service's own path.
        post(CloudEvents.event("durham", other, "cin.case.opened", "2026-03-02", "planType", "CHILD_IN_NEED"));
        PostalAddress address = PostalAddress.of(List.of(line, "2 Church Lane"), "ec1a1bb");
        Participant withAddress = new Participant("gran", Role.CARER, "Gran", null, null,
                Channel.LETTER, Language.EN, null, null, null, false, null, address);
        Participant without = new Participant("dad", Role.PARENT, "Dad", "dad@x.example", null,
                Channel.EMAIL, Language.EN, null, null, null, false, null);
        pool.withTransaction(c -> store.upsert(c, List.of(new ParticipantStore.Placed(batchRef, 0, withAddress),
                new ParticipantStore.Placed(batchRef, 1, without)))).await().indefinitely();

        List<Participant> people = store.forCase(pool, batchRef).await().indefinitely();
        assertEquals(List.of(withAddress, without), people);
        assertEquals("EC1A 1BB", people.get(0).address().postcode());

        pool.withTransaction(c -> store.delete(c, List.of(batchRef), List.of("gran"))).await().indefinitely();
        assertEquals(List.of(without), store.forCase(pool, batchRef).await().indefinitely());
        assertEquals(Map.of(), rowsHolding(line));
    }
}
