package cin.reminders.obligation.rest;

import cin.reminders.audit.service.CaseReadAudit;
import cin.reminders.obligation.service.ObligationQueries;
import cin.reminders.platform.security.AccessPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
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

    private final ObligationQueries queries;
    private final AccessPolicy access;
    @Inject
    CaseReadAudit audit;

    public CaseObligationResource(ObligationQueries queries, AccessPolicy access) {
        this.queries = queries;
        this.access = access;
    }

    @GET
    @Operation(operationId = "listCaseObligations", summary = "Every obligation of a case, open and closed, in due-date order")
    @APIResponse(responseCode = "200", description = "The case's obligations")
    @APIResponse(responseCode = "404", description = "Unknown case")
    public Uni<List<ObligationView>> list(@PathParam("caseId") String caseId) {
        return access.requireCaseRead(caseId).chain(() -> queries.forCase(caseId))
                .invoke(audit.onRead(caseId, "GET /api/cases/{caseId}/obligations"));
    }
}
