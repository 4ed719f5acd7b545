package cin.reminders.obligation.rest;

import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Role;
import cin.reminders.obligation.repository.ObligationFilter;
import cin.reminders.obligation.service.ObligationQueries;
import cin.reminders.platform.problem.QueryParams;
import cin.reminders.platform.security.AccessPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code GET /api/obligations}: obligations across cases, for a caseload or a team manager's view.
 * The body is the page's rows; {@code X-Total-Count} says how many match in all.
 */
@Path("/api/obligations")
@Produces(MediaType.APPLICATION_JSON)
public class ObligationResource {

    static final int MAX_SIZE = 500;

    private final ObligationQueries queries;
    private final AccessPolicy access;

    public ObligationResource(ObligationQueries queries, AccessPolicy access) {
        this.queries = queries;
        this.access = access;
    }

    @GET
    @Operation(operationId = "listObligations", summary = "Obligations across cases, filtered and paged, in due-date order")
    public Uni<RestResponse<List<ObligationView>>> search(
            @Parameter(description = "OPEN, OVERDUE, COMPLETED or CANCELLED") @QueryParam("status") String status,
            @QueryParam("kind") String kind,
            @Parameter(description = "the owner's participant id") @QueryParam("owner") String owner,
            @QueryParam("authority") String authority,
            @Parameter(description = "ISO date; obligations due strictly before it") @QueryParam("dueBefore") String dueBefore,
            @QueryParam("caseId") String caseId,
            @Parameter(description = "the case's team, as the case-management system names it") @QueryParam("team") String team,
            @Parameter(description = "true: only cases with no team set") @QueryParam("noTeam") String noTeam,
            @Parameter(description = "the role the obligation asks of its owner (LEAD_PROFESSIONAL, TEAM_MANAGER...)")
            @QueryParam("role") String role,
            @Parameter(description = "true: only obligations with no owner yet (no one on the case holds the role)")
            @QueryParam("unassigned") String unassigned,
            @QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("50") String size) {
        // A caseworker sees their own caseload, whatever owner they ask for; a manager sees all; both only in their councils.
        String scopedOwner = access.ownerScope().map(me -> {
            if (QueryParams.text(owner) != null && !owner.equals(me)) {
                throw new jakarta.ws.rs.ForbiddenException("A caseworker sees only their own obligations");
            }
            return me;
        }).orElse(QueryParams.text(owner));
        ObligationFilter filter = new ObligationFilter(
                QueryParams.enumValue("status", status, ObligationStatus.class),
                QueryParams.enumValue("kind", kind, ObligationKind.class),
                scopedOwner, QueryParams.text(authority), QueryParams.date("dueBefore", dueBefore), QueryParams.text(caseId),
                access.councils(), QueryParams.text(team), QueryParams.flag("noTeam", noTeam),
                QueryParams.enumValue("role", role, Role.class), QueryParams.flag("unassigned", unassigned));
        int pageIndex = QueryParams.integer("page", page, 0, Integer.MAX_VALUE);
        int pageSize = QueryParams.integer("size", size, 1, MAX_SIZE);
        return queries.search(filter, pageIndex, pageSize)
                .map(p -> RestResponse.ResponseBuilder.ok(p.items())
                        .header("X-Total-Count", p.total())
                        .build());
    }
}
