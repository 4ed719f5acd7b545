package cin.reminders.calendar;

import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.openapi.ApiSecurity;
import cin.reminders.platform.security.AccessPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A professional's deadlines as an iCalendar feed, so they appear in Outlook: every open obligation
 * they own, on its due date. Protected by the signed token in its URL (calendar clients cannot send
 * a JWT); the URL itself comes from {@code calendar-link}, behind the JWT. No family names: the
 * case reference and what is due.
 */
@Path("/api/professionals/{participantId}")
public class CalendarResource {

    /** The most deadlines one feed lists (a professional's whole caseload is far fewer). */
    static final int MAX_DEADLINES = 2000;

    private final Pool pool;
    private final ObligationStore obligations;
    private final CalendarTokens tokens;
    private final AccessPolicy access;
    private final ServiceClock clock;
    private final PolicyRegistry policies;

    public CalendarResource(Pool pool, ObligationStore obligations, CalendarTokens tokens, AccessPolicy access, ServiceClock clock, PolicyRegistry policies) {
        this.pool = pool;
        this.obligations = obligations;
        this.tokens = tokens;
        this.access = access;
        this.clock = clock;
        this.policies = policies;
    }

    @GET
    @Path("/calendar.ics")
    @Produces("text/calendar; charset=utf-8")
    @Operation(operationId = "calendarFeed", summary = "The professional's deadlines (RFC 5545), protected by the token in the URL")
    @SecurityRequirement(name = ApiSecurity.CALENDAR_TOKEN)
    public Uni<RestResponse<String>> feed(@PathParam("participantId") String participantId, @QueryParam("token") String token) {
        if (!tokens.valid(participantId, token)) {
            throw new ForbiddenException("This calendar link is not valid; ask for a new one");
        }
        LocalDate today = clock.today();
        return obligations.openOwnedBy(pool, participantId, MAX_DEADLINES)
                .map(owned -> {
                    List<ICalendarWriter.Deadline> deadlines = new ArrayList<>();
                    for (ObligationStore.StoredObligation stored : owned) {
                        Obligation o = stored.obligation();
                        ObligationKind kind = o.kind();
                        LocalDate due = o.dueDate();
                        String council = policies.find(stored.authority()).map(p -> p.name()).orElse(stored.authority());
                        boolean overdue = o.status().asSeenOn(due, today) == ObligationStatus.OVERDUE;
                        deadlines.add(new ICalendarWriter.Deadline(o.id() + "@cin-reminders", due,
                                (overdue ? "OVERDUE: " : "") + kind.label() + " due, case " + o.caseId(),
                                kind.label() + " for case " + o.caseId() + " (" + council + ", rule "
                                        + o.ruleId() + "), due " + due + ".", overdue));
                    }
                    return RestResponse.ResponseBuilder.ok(ICalendarWriter.calendar("CIN deadlines", deadlines, clock.now()))
                            .header("Cache-Control", "private, max-age=300").build();
                });
    }

    @GET
    @Path("/calendar-link")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "calendarLink", summary = "The URL of the professional's calendar feed (for themselves or a manager)")
    public Map<String, String> link(@PathParam("participantId") String participantId) {
        access.requireSelfOrManager(participantId);
        return Map.of("url", "/api/professionals/" + participantId + "/calendar.ics?token=" + tokens.tokenFor(participantId));
    }
}
