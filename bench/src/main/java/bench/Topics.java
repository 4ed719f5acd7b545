package bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Kafka housekeeping for the harness.
 * <ul>
 * <li>{@code reset --bootstrap B}: deletes the service's topics and consumer group, creates
 * {@code case-events} (6 partitions), {@code case-events.dlq} and {@code notice-receipts} afresh.</li>
 * <li>{@code await --bootstrap B --timeout S}: waits until the service's group has committed the end of
 * every {@code case-events} partition; prints the DLQ's size.</li>
 * <li>{@code count --bootstrap B --topic T}: the number of records in a topic.</li>
 * </ul>
 */
public final class Topics {
    static final String GROUP = "cin-reminders";
    static final List<String> TOPICS = List.of("case-events", "case-events.dlq", "notice-receipts");

    public static void main(String[] argv) throws Exception {
        String cmd = argv[0];
        Args a = new Args(java.util.Arrays.copyOfRange(argv, 1, argv.length));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, a.require("bootstrap"));
        try (Admin admin = Admin.create(p)) {
            switch (cmd) {
                case "reset" -> reset(admin, a.getInt("partitions", 6));
                case "await" -> await(admin, a.getLong("timeout", 1800));
                case "count" -> System.out.println(count(admin, a.require("topic")));
                default -> throw new IllegalArgumentException(cmd);
            }
        }
    }

    static void reset(Admin admin, int partitions) throws Exception {
        try {
            admin.deleteConsumerGroups(List.of(GROUP)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        Set<String> existing = admin.listTopics().names().get();
        List<String> delete = TOPICS.stream().filter(existing::contains).toList();
        if (!delete.isEmpty()) {
            admin.deleteTopics(delete).all().get();
        }
        // Deletion is asynchronous: wait until the names are gone before creating them again.
        for (int i = 0; i < 300; i++) {
            Set<String> names = admin.listTopics().names().get();
            if (TOPICS.stream().noneMatch(names::contains)) {
                break;
            }
            Thread.sleep(100);
        }
        List<NewTopic> create = new ArrayList<>();
        create.add(new NewTopic("case-events", partitions, (short) 1));
        create.add(new NewTopic("case-events.dlq", 1, (short) 1));
        create.add(new NewTopic("notice-receipts", partitions, (short) 1));
        for (int i = 0; ; i++) {
            try {
                admin.createTopics(create).all().get();
                break;
            } catch (ExecutionException e) {
                if (i > 50) {
                    throw e;
                }
                Thread.sleep(200); // "marked for deletion" still
            }
        }
        System.err.println("[topics] case-events (" + partitions + " partitions), case-events.dlq, notice-receipts created; group "
                + GROUP + " reset");
    }

    static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
        int n = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        for (int i = 0; i < n; i++) {
            req.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        ListOffsetsResult r = admin.listOffsets(req);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : req.keySet()) {
            out.put(tp, r.partitionResult(tp).get().offset());
        }
        return out;
    }

    static long count(Admin admin, String topic) throws Exception {
        try {
            return ends(admin, topic).values().stream().mapToLong(Long::longValue).sum();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }

    static void await(Admin admin, long timeoutSeconds) throws Exception {
        Map<TopicPartition, Long> ends = ends(admin, "case-events");
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long last = -1;
        long lastPrint = 0;
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            long done = ends.keySet().stream()
                    .mapToLong(tp -> committed.get(tp) == null ? 0 : committed.get(tp).offset()).sum();
            if (done >= total) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out: " + done + " of " + total + " committed");
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                System.err.printf("[await] %,d of %,d events committed by the service%n", done, total);
                lastPrint = System.nanoTime();
            }
            last = done;
            Thread.sleep(500);
        }
        ObjectNode out = Results.JSON.createObjectNode();
        out.put("events", total);
        out.put("dlq", count(admin, "case-events.dlq"));
        System.out.println(Results.JSON.writeValueAsString(out));
    }
}
