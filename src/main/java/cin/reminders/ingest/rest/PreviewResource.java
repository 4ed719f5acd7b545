package cin.reminders.ingest.rest;

import cin.reminders.domain.engine.BatchOutcome;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.ingest.service.IngestService;
import cin.reminders.notice.service.EventNotices;
import cin.reminders.obligation.rest.ObligationView;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.security.AccessPolicy;
import cin.reminders.platform.security.Roles;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /api/preview}: the dry run. Takes the same bodies as {@code POST /api/events} and
 * answers with the obligations and notices those events would produce against the cases as they
 * stand, computed by the same engine and planner, in a transaction that is rolled back: nothing
 * is written, nothing is sent.
 */
@Path("/api/preview")
public class PreviewResource {

    /** The dry run's answer. */
    public record Preview(int applied, int duplicates, List<ObligationView> obligations, List<PlannedNotice> notices) {
    }

    /** A notice the events would plan (reminders come later, from the ladder of each obligation). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlannedNotice(UUID id, String caseId, String template, String channel, Recipient recipient,
                                String status, Instant scheduledFor, String reason) {
    }

    public record Recipient(String participantId, String role) {
    }

    private final EventBodies bodies;
    private final IngestService ingest;
    private final EventNotices notices;
    private final ServiceClock clock;
    private final AccessPolicy access;

    public PreviewResource(EventBodies bodies, IngestService ingest, EventNotices notices, ServiceClock clock,
                           AccessPolicy access) {
        this.bodies = bodies;
        this.ingest = ingest;
        this.notices = notices;
        this.clock = clock;
        this.access = access;
    }

    @POST
    @Consumes({EventResource.CLOUDEVENT, EventResource.CLOUDEVENT_BATCH, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewEvents", summary = "Dry run: the obligations and notices these events would produce; nothing is written or sent")
    public Uni<Preview> preview(@HeaderParam("Content-Type") String contentType, byte[] body) {
        access.requireAny(Roles.INTEGRATION, Roles.MANAGER, Roles.CASEWORKER);
        var events = bodies.read(contentType, body);
        events.forEach(e -> access.requireWriteFor(e.authority())); // a preview reads the case as it stands: same rule
        return ingest.preview(events).map(a -> {
            BatchOutcome outcome = a.outcome();
            LocalDate today = clock.today();
            Map<UUID, Obligation> touched = new LinkedHashMap<>();
            outcome.created().forEach(o -> touched.put(o.id(), o));
            outcome.updated().forEach(o -> touched.put(o.id(), o));
            List<ObligationView> obligations = new ArrayList<>();
            touched.values().forEach(o -> obligations.add(ObligationView.of(o, o.authority(), today)));
            List<PlannedNotice> planned = new ArrayList<>();
            for (NoticeIntent n : notices.plan(outcome, a.now()).notices()) {
                planned.add(new PlannedNotice(n.id(), n.caseId(), n.template().id(), n.channel().name(),
                        new Recipient(n.recipientId(), n.recipientRole().name()), n.status().name(), n.scheduledFor(), n.reason()));
            }
            return new Preview(outcome.decisions().size(), a.duplicates(), obligations, planned);
        });
    }
}
