package cin.reminders.calendar;

import cin.reminders.platform.sql.CouncilScope;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import cin.reminders.platform.problem.NotFoundProblem;
import cin.reminders.platform.problem.AmbiguousCaseProblem;
import cin.reminders.domain.model.Councils;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.openapi.ApiSecurity;
import cin.reminders.platform.security.AccessPolicy;
import io.smallrye.mutiny.Uni;
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

    private final CouncilScope scope;
    private final ObligationStore obligations;
    private final CalendarTokens tokens;
    private final AccessPolicy access;
    private final ServiceClock clock;
    private final PolicyRegistry policies;

    public CalendarResource(CouncilScope scope, ObligationStore obligations, CalendarTokens tokens, AccessPolicy access, ServiceClock clock, PolicyRegistry policies) {
        this.scope = scope;
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
    public Uni<RestResponse<String>> feed(@PathParam("participantId") String participantId,
            @Parameter(description = "the council the link is for (part of what the token signs)") @QueryParam("authority") String authority,
            @QueryParam("token") String token) {
        if (!tokens.valid(authority, participantId, token)) {
            throw new ForbiddenException("This calendar link is not valid; ask for a new one");
        }
        LocalDate today = clock.today();
        Councils linked = Councils.of(authority);
        return scope.actingFor(linked, c -> obligations.openOwnedBy(c, participantId, linked, MAX_DEADLINES))
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
    @APIResponse(responseCode = "200", description = "The feed's URL, for one council")
    @APIResponse(responseCode = "404", description = "The professional owns no obligation in the caller's councils")
    @APIResponse(responseCode = "409", description = "The professional's id owns obligations in more than one of the caller's councils: name one with authority")
    public Uni<Map<String, String>> link(@PathParam("participantId") String participantId,
            @Parameter(description = "the council, when the id owns obligations in more than one of yours") @QueryParam("authority") String authority) {
        access.requireSelfOrManager(participantId);
        Councils mine = access.councils();
        if (authority != null && !authority.isBlank()) {
            mine = mine.and(Councils.of(authority));
        }
        if (mine.none()) {
            return Uni.createFrom().failure(noneOf(participantId));
        }
        Councils within = mine;
        return scope.actingFor(within, c -> obligations.authoritiesOwnedBy(c, participantId, within)).map(found -> {
            if (found.isEmpty()) {
                throw noneOf(participantId);
            }
            if (found.size() > 1) {
                throw new AmbiguousCaseProblem(found);
            }
            String council = found.get(0);
            return Map.of("url", "/api/professionals/" + participantId + "/calendar.ics?authority=" + council
                    + "&token=" + tokens.tokenFor(council, participantId));
        });
    }

    private static NotFoundProblem noneOf(String participantId) {
        return new NotFoundProblem("No obligation of " + participantId + " is known to this service in your councils");
    }
}
