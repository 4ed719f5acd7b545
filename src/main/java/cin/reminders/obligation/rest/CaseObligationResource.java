package cin.reminders.obligation.rest;

import cin.reminders.audit.service.CaseReadAudit;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.QueryParam;
import cin.reminders.obligation.service.ObligationQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/cases/{caseId}/obligations")
@Produces(MediaType.APPLICATION_JSON)
public class CaseObligationResource {

    static final String ENDPOINT = "GET /api/cases/{caseId}/obligations";

    private final ObligationQueries queries;
    private final CaseReadAudit audit;

    public CaseObligationResource(ObligationQueries queries, CaseReadAudit audit) {
        this.queries = queries;
        this.audit = audit;
    }

    @GET
    @Operation(operationId = "listCaseObligations", summary = "Every obligation of a case, open and closed, in due-date order")
    @APIResponse(responseCode = "200", description = "The case's obligations")
    @APIResponse(responseCode = "404", description = "No such case in the caller's councils")
    @APIResponse(responseCode = "409", description = "The id names cases in more than one of the caller's councils: name one with authority")
    public Uni<List<ObligationView>> list(@PathParam("caseId") String caseId,
            @Parameter(description = "the council whose case this is, when the id is used by more than one of yours")
            @QueryParam("authority") String authority) {
        return audit.read(caseId, authority, ENDPOINT, queries::forCase);
    }
}
