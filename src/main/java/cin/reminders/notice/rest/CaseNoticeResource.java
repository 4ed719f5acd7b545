package cin.reminders.notice.rest;

import cin.reminders.audit.service.CaseReadAudit;
import cin.reminders.notice.service.NoticeQueries;
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

@Path("/api/cases/{caseId}/notices")
@Produces(MediaType.APPLICATION_JSON)
public class CaseNoticeResource {

    private final NoticeQueries queries;
    private final AccessPolicy access;
    @Inject
    CaseReadAudit audit;

    public CaseNoticeResource(NoticeQueries queries, AccessPolicy access) {
        this.queries = queries;
        this.access = access;
    }

    @GET
    @Operation(operationId = "listCaseNotices", summary = "Every notice of a case: sent, scheduled, failed or suppressed, with the reason")
    public Uni<List<NoticeView>> list(@PathParam("caseId") String caseId) {
        return access.requireCaseRead(caseId).chain(() -> queries.forCase(caseId))
                .invoke(audit.onRead(caseId, "GET /api/cases/{caseId}/notices"));
    }
}
