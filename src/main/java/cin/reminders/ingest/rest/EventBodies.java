package cin.reminders.ingest.rest;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.event.FieldError;
import cin.reminders.domain.event.InvalidEventException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HTTP body of CloudEvents: one structured event, or a batch (a JSON array). Every bad
 * field of every event is reported, batch events by index ({@code [2].data.date}).
 */
@ApplicationScoped
public class EventBodies {

    static final int MAX_BATCH = 5_000;

    private final ObjectMapper json;
    private final CloudEventReader reader;

    public EventBodies(ObjectMapper json, CloudEventReader reader) {
        this.json = json;
        this.reader = reader;
    }

    public List<CaseEvent> read(String contentType, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("body", "is not valid JSON");
        } catch (java.io.IOException e) {
            throw new InvalidEventException("body", "could not be read");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidEventException("body", "is empty");
        }
        boolean batch = contentType != null && contentType.startsWith(EventResource.CLOUDEVENT_BATCH) || root.isArray();
        if (!batch) {
            return List.of(reader.read(root));
        }
        if (!root.isArray()) {
            throw new InvalidEventException("body", "a batch must be a JSON array of CloudEvents");
        }
        if (root.isEmpty() || root.size() > MAX_BATCH) {
            throw new InvalidEventException("body", "a batch holds 1 to " + MAX_BATCH + " events");
        }
        List<CaseEvent> events = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                events.add(reader.read(root.get(i)));
            } catch (InvalidEventException e) {
                String prefix = "[" + i + "]" + ".";
                e.errors().forEach(f -> errors.add(f.withPrefix(prefix)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
        return events;
    }
}
