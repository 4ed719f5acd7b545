package cin.reminders.ingest.kafka;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.event.InvalidEventException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a Kafka record in either CloudEvents Kafka binding: structured (the whole event in the
 * value) or binary ({@code ce_*} headers, {@code data} as the value). Both end in the same
 * {@link CloudEventReader}, so Kafka and HTTP refuse the same things for the same reasons.
 */
@ApplicationScoped
public class KafkaEventDecoder {

    private static final List<String> ATTRIBUTES = List.of("specversion", "id", "source", "type", "subject", "time",
            "authority", "dataschema");

    private final ObjectMapper json;
    private final CloudEventReader reader;

    public KafkaEventDecoder(ObjectMapper json, CloudEventReader reader) {
        this.json = json;
        this.reader = reader;
    }

    /** @throws InvalidEventException naming the bad field */
    public CaseEvent decode(Headers headers, byte[] value) {
        return reader.read(isBinary(headers) ? fromBinary(headers, value) : parse(value, "event"));
    }

    static boolean isBinary(Headers headers) {
        return headers != null && headers.lastHeader("ce_specversion") != null;
    }

    private ObjectNode fromBinary(Headers headers, byte[] value) {
        ObjectNode event = json.createObjectNode();
        for (String attribute : ATTRIBUTES) {
            Header h = headers.lastHeader("ce_" + attribute);
            if (h != null && h.value() != null) {
                event.put(attribute, new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        Header contentType = headers.lastHeader("content-type");
        if (contentType != null && contentType.value() != null) {
            event.put("datacontenttype", new String(contentType.value(), StandardCharsets.UTF_8));
        }
        event.set("data", parse(value, "data"));
        return event;
    }

    private JsonNode parse(byte[] value, String what) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException(what, "is empty");
        }
        try {
            JsonNode node = json.readTree(value);
            if (node == null || node.isMissingNode()) {
                throw new InvalidEventException(what, "is empty");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidEventException(what, "is not valid JSON");
        }
    }
}
