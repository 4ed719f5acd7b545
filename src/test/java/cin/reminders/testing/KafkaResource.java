package cin.reminders.testing;

import java.util.Map;

import org.testcontainers.kafka.KafkaContainer;

import cin.reminders.platform.embedded.EmbeddedKafka;
import cin.reminders.platform.embedded.JvmWideServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One Kafka broker for every test in the JVM: a Testcontainers one (apache/kafka, KRaft) where a Docker engine runs,
 * else the embedded one. Started by the first test that needs it, stopped at JVM exit ({@link #stop()} leaves it
 * running for the next test class or profile).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String IMAGE = "apache/kafka:4.1.1";

    @Override
    public Map<String, String> start() {
        if (DockerAvailability.available()) {
            return JvmWideServices.getOrStart("testcontainers-kafka", KafkaResource::startContainer);
        }
        return Map.of(EmbeddedKafka.BOOTSTRAP_SERVERS, EmbeddedKafka.start());
    }

    @Override
    public void stop() {
        // Shared by all test classes and profiles in this JVM: stopped by a JVM shutdown hook.
    }

    private static JvmWideServices.Started startContainer() {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new JvmWideServices.Started(Map.of(EmbeddedKafka.BOOTSTRAP_SERVERS, container.getBootstrapServers()),
                container::stop);
    }
}
