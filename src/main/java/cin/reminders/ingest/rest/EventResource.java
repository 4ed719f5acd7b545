package cin.reminders.ingest.rest;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.ingest.service.IngestService;
import cin.reminders.platform.security.AccessPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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

    private final EventBodies bodies;
    private final IngestService ingest;
    private final AccessPolicy access;

    public EventResource(EventBodies bodies, IngestService ingest, AccessPolicy access) {
        this.bodies = bodies;
        this.ingest = ingest;
        this.access = access;
    }

    @POST
    @Consumes({CLOUDEVENT, CLOUDEVENT_BATCH, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acceptEvents", summary = "Accept case events (CloudEvents 1.0, structured mode, single or batch)")
    @APIResponse(responseCode = "202", description = "Accepted and persisted")
    @APIResponse(responseCode = "400", description = "RFC 9457 problem naming the bad field")
    @APIResponse(responseCode = "403", description = "An event names a council the token may not act for")
    public Uni<RestResponse<IngestReceipt>> post(@HeaderParam("Content-Type") String contentType, byte[] body) {
        access.requireIntegration();
        List<CaseEvent> events = bodies.read(contentType, body);
        // Only for the caller's councils (the token's authority claim); nothing of the body is applied otherwise.
        events.forEach(e -> access.requireWriteFor(e.authority()));
        return ingest.ingest(events)
                .map(r -> RestResponse.accepted(new IngestReceipt(events.size(), r.applied(), r.duplicates())));
    }

}
