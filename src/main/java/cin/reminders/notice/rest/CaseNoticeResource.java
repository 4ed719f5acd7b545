package cin.reminders.notice.rest;

import cin.reminders.audit.service.CaseReadAudit;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.QueryParam;
import cin.reminders.notice.service.NoticeQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/cases/{caseId}/notices")
@Produces(MediaType.APPLICATION_JSON)
public class CaseNoticeResource {

    static final String ENDPOINT = "GET /api/cases/{caseId}/notices";

    private final NoticeQueries queries;
    private final CaseReadAudit audit;

    public CaseNoticeResource(NoticeQueries queries, CaseReadAudit audit) {
        this.queries = queries;
        this.audit = audit;
    }

    @GET
    @Operation(operationId = "listCaseNotices", summary = "Every notice of a case: sent, scheduled, failed or suppressed, with the reason")
    @APIResponse(responseCode = "200", description = "The case's notices")
    @APIResponse(responseCode = "404", description = "No such case in the caller's councils")
    @APIResponse(responseCode = "409", description = "The id names cases in more than one of the caller's councils: name one with authority")
    public Uni<List<NoticeView>> list(@PathParam("caseId") String caseId,
            @Parameter(description = "the council whose case this is, when the id is used by more than one of yours")
            @QueryParam("authority") String authority) {
        return audit.read(caseId, authority, ENDPOINT, queries::forCase);
    }
}
