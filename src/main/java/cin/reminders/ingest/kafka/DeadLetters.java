package cin.reminders.ingest.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends an event that cannot be processed to {@code case-events.dlq}: the original key, value and
 * headers, plus {@code dlq-reason} (which field, what is wrong; never the value, which may be
 * personal) and where it came from. The send completes before the original is acknowledged:
 * nothing is dropped silently.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry metrics;

    public DeadLetters(@Channel("case-events-dlq") MutinyEmitter<byte[]> emitter, MeterRegistry metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Where a refused record came from. */
    public record Origin(String topic, int partition, long offset, String key, Headers headers, byte[] value) {
    }

    public Uni<Void> send(Origin origin, String field, String reason) {
        RecordHeaders headers = new RecordHeaders();
        if (origin.headers() != null) {
            origin.headers().forEach(h -> headers.add(h.key(), h.value()));
        }
        headers.add("dlq-reason", utf8(reason));
        headers.add("dlq-field", utf8(field));
        headers.add("dlq-original-topic", utf8(origin.topic()));
        headers.add("dlq-original-partition", utf8(Integer.toString(origin.partition())));
        headers.add("dlq-original-offset", utf8(Long.toString(origin.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(origin.key())
                .withHeaders(headers)
                .build();
        LOG.warnf("Record %s-%d@%d refused, sent to the DLQ: %s", origin.topic(), origin.partition(), origin.offset(), reason);
        metrics.counter("cin.dlq.records", "field", field).increment();
        return emitter.sendMessage(Message.of(origin.value() == null ? new byte[0] : origin.value()).addMetadata(metadata));
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
