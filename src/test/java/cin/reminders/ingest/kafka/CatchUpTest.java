package cin.reminders.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    static Metric metric(String name, String group, Map<String, String> tags, double value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return new MetricName(name, group, "", tags);
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }

    @Test
    void theLargestPartitionLagCounts() {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        for (Metric m : List.of(
                metric("records-lag", "consumer-fetch-manager-metrics", Map.of("client-id", "c", "topic", "case-events", "partition", "0"), 12),
                metric("records-lag", "consumer-fetch-manager-metrics", Map.of("client-id", "c", "topic", "case-events", "partition", "1"), 4200),
                metric("records-lag", "consumer-fetch-manager-metrics", Map.of("client-id", "c", "topic", "case-events", "partition", "2"), Double.NaN),
                // the windowed maximum and other groups do not count
                metric("records-lag-max", "consumer-fetch-manager-metrics", Map.of("client-id", "c"), 9000),
                metric("records-lag", "other", Map.of("partition", "0"), 9000))) {
            metrics.put(m.metricName(), m);
        }
        assertEquals(new CatchUp.Reading(4200, 2), CatchUp.reading(metrics));
        assertEquals(new CatchUp.Reading(0, 0), CatchUp.reading(Map.of()));
    }
}
