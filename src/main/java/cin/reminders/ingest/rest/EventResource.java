package cin.reminders.ingest.rest;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.event.FieldError;
import cin.reminders.domain.event.InvalidEventException;
import cin.reminders.ingest.service.IngestMode;
import cin.reminders.ingest.service.IngestService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code POST /api/events}: one structured CloudEvent, or a batch. A batch is all or nothing: one
 * bad event refuses the whole batch with a problem naming it ({@code [2].data.date}).
 */
@Path("/api/events")
public class EventResource {

    public static final String CLOUDEVENT = "application/cloudevents+json";
    public static final String CLOUDEVENT_BATCH = "application/cloudevents-batch+json";
    static final int MAX_BATCH = 5_000;

    private final ObjectMapper json;
    private final CloudEventReader reader;
    private final IngestService ingest;

    public EventResource(ObjectMapper json, CloudEventReader reader, IngestService ingest) {
        this.json = json;
        this.reader = reader;
        this.ingest = ingest;
    }

    @POST
    @Consumes({CLOUDEVENT, CLOUDEVENT_BATCH, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept case events (CloudEvents 1.0, structured mode, single or batch)")
    @APIResponse(responseCode = "202", description = "Accepted and persisted")
    @APIResponse(responseCode = "400", description = "RFC 9457 problem naming the bad field")
    public Uni<RestResponse<IngestReceipt>> post(@HeaderParam("Content-Type") String contentType, byte[] body) {
        List<CaseEvent> events = read(contentType, body);
        return ingest.ingest(events, IngestMode.ALL_OR_NOTHING)
                .map(r -> RestResponse.accepted(new IngestReceipt(events.size(), r.applied(), r.duplicates())));
    }

    private List<CaseEvent> read(String contentType, byte[] body) {
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
        boolean batch = contentType != null && contentType.startsWith(CLOUDEVENT_BATCH) || root.isArray();
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
