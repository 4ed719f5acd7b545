package cin.reminders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** A plain Kafka client for tests, against the broker the test resources started. */
public final class TestKafka {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BINARY_ATTRIBUTES = List.of("specversion", "id", "source", "type", "subject", "time", "authority");

    private TestKafka() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }

    /** Structured mode: the whole event as the value. */
    public static ProducerRecord<String, byte[]> structured(JsonNode event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>("case-events", null, event.path("subject").asText(null), bytes(event), headers);
    }

    /** Binary mode: attributes in {@code ce_*} headers, data as the value. */
    public static ProducerRecord<String, byte[]> binary(JsonNode event) {
        RecordHeaders headers = new RecordHeaders();
        for (String a : BINARY_ATTRIBUTES) {
            if (event.hasNonNull(a)) {
                headers.add("ce_" + a, event.get(a).asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>("case-events", null, event.path("subject").asText(null), bytes(event.get("data")), headers);
    }

    public static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not produce to Kafka", e);
        }
    }

    /** Reads everything currently on a topic from the beginning (a fresh consumer group each time). */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration quiet) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long idleUntil = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < idleUntil) {
                Iterator<ConsumerRecord<String, byte[]>> it = consumer.poll(Duration.ofMillis(200)).iterator();
                while (it.hasNext()) {
                    out.add(it.next());
                    idleUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        }
        return out;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> config() {
        return Map.of("bootstrap", bootstrap());
    }
}
