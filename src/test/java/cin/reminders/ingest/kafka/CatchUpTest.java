package cin.reminders.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    static final TopicPartition P0 = new TopicPartition("case-events", 0);
    static final TopicPartition P1 = new TopicPartition("case-events", 1);
    static final TopicPartition P2 = new TopicPartition("case-events", 2);

    @Test
    void theLargestPartitionLagFromTheCommittedOffsetCounts() {
        // P1: 4,200 records not yet committed, though the client may have fetched them all (position 5000).
        assertEquals(new CatchUp.Reading(4200, 3), CatchUp.reading(
                Map.of(P0, 100L, P1, 5000L, P2, 30L),
                Map.of(P0, new OffsetAndMetadata(88), P1, new OffsetAndMetadata(800)),
                Map.of(P0, 100L, P1, 5000L, P2, 0L))); // P2 never committed: from its position, 30
    }

    @Test
    void nothingAssignedIsNoLag() {
        assertEquals(new CatchUp.Reading(0, 0), CatchUp.reading(Map.of(), Map.of(), Map.of()));
    }
}
