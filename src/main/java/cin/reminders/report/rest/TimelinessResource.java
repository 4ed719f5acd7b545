package cin.reminders.report.rest;

import cin.reminders.domain.model.Councils;
import cin.reminders.platform.problem.BadParameterException;
import cin.reminders.platform.problem.QueryParams;
import cin.reminders.platform.security.AccessPolicy;
import cin.reminders.report.service.TimelinessReport;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /api/reports/timeliness.csv} (CONTRACT-2 §8): managers only, within their councils. */
@Path("/api/reports")
public class TimelinessResource {

    static final String CSV = "text/csv; charset=UTF-8";

    private final TimelinessReport report;
    private final AccessPolicy access;

    public TimelinessResource(TimelinessReport report, AccessPolicy access) {
        this.report = report;
        this.access = access;
    }

    @GET
    @Path("/timeliness.csv")
    @Produces(CSV)
    @Operation(operationId = "timelinessReport", summary = "One CSV row per obligation due in a range: was each statutory "
            + "timescale met (authority, caseId, kind, ruleId, dueDate, completedOn, daysLate, status, ownerParticipantId, team)")
    @APIResponse(responseCode = "200", description = "RFC 4180 CSV, UTF-8, a header row; streamed")
    @APIResponse(responseCode = "400", description = "from or to missing or not a date, or to before from")
    @APIResponse(responseCode = "403", description = "Not a manager, or authority is not one of the caller's councils")
    public RestMulti<String> timeliness(
            @Parameter(description = "one council (default: every council of the caller)") @RestQuery String authority,
            @Parameter(description = "the first due date included (ISO date)", required = true) @RestQuery String from,
            @Parameter(description = "the last due date included (ISO date)", required = true) @RestQuery String to) {
        access.requireManager();
        LocalDate first = QueryParams.requiredDate("from", from);
        LocalDate last = QueryParams.requiredDate("to", to);
        if (last.isBefore(first)) {
            throw new BadParameterException("to", "must not be before from (" + first + ")");
        }
        Councils councils = access.councils();
        String council = QueryParams.text(authority);
        if (council != null) {
            if (!councils.contains(council)) {
                throw new ForbiddenException("authority '" + council + "' is not one of your councils");
            }
            councils = Councils.of(council);
        }
        String name = "timeliness-" + (council == null ? "all" : council) + "-" + first + "-to-" + last + ".csv";
        return RestMulti.fromMultiData(report.csv(councils, first, last))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }
}
