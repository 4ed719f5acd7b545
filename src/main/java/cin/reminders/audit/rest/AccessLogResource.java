package cin.reminders.audit.rest;

import cin.reminders.audit.service.AccessLogQueries;
import cin.reminders.audit.service.CaseReadAudit;
import cin.reminders.platform.problem.BadParameterException;
import cin.reminders.platform.security.AccessPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/cases/{caseId}/access-log}: who read the case's data, when and through which endpoint, newest
 * first; for managers. Reading it is a read of the case too, and is recorded like the others.
 */
@Path("/api/cases/{caseId}/access-log")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {

    static final String ENDPOINT = "GET /api/cases/{caseId}/access-log";
    static final int MAX_LIMIT = 1000;

    private final AccessLogQueries queries;
    private final AccessPolicy access;
    private final CaseReadAudit audit;

    public AccessLogResource(AccessLogQueries queries, AccessPolicy access, CaseReadAudit audit) {
        this.queries = queries;
        this.access = access;
        this.audit = audit;
    }

    @GET
    @Operation(operationId = "listCaseAccessLog",
            summary = "Who read the case's data: subject, role, endpoint and time of each read, newest first (managers)")
    @APIResponse(responseCode = "200", description = "The case's reads, newest first")
    @APIResponse(responseCode = "400", description = "RFC 9457 problem naming the bad parameter (limit)")
    @APIResponse(responseCode = "403", description = "Not a manager")
    @APIResponse(responseCode = "404", description = "No such case in the caller's councils")
    @APIResponse(responseCode = "409", description = "The id names cases in more than one of the caller's councils: name one with authority")
    public Uni<List<AccessLogEntryView>> list(
            @PathParam("caseId") String caseId,
            @Parameter(description = "the council whose case this is, when the id is used by more than one of yours")
            @QueryParam("authority") String authority,
            @Parameter(description = "the most reads to list, 1 to " + MAX_LIMIT)
            @QueryParam("limit") @DefaultValue("100") String limit) {
        access.requireManager();
        int max = parseLimit(limit);
        return audit.read(caseId, authority, ENDPOINT, ref -> queries.forCase(ref, max))
                .map(reads -> reads.stream().map(AccessLogEntryView::of).toList());
    }

    private static int parseLimit(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1 || n > MAX_LIMIT) {
                throw new BadParameterException("limit", "must be between 1 and " + MAX_LIMIT);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadParameterException("limit", "must be a whole number");
        }
    }
}
