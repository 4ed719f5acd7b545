package cin.reminders.platform.problem;

import cin.reminders.domain.event.FieldError;
import cin.reminders.domain.event.InvalidEventException;
import cin.reminders.platform.TransientFailures;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the HTTP API answers is an RFC 9457 problem. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidEvent(InvalidEventException e, UriInfo uri) {
        List<Problem.InvalidField> errors = e.errors().stream()
                .map(f -> new Problem.InvalidField(f.field(), f.pointer(), f.message())).toList();
        FieldError first = e.errors().get(0);
        String detail = e.errors().size() == 1 ? first.toString()
                : first + " (and " + (e.errors().size() - 1) + " more: see errors)";
        Problem p = new Problem(Problem.TYPE_BASE + "invalid-event", "The event is not valid", 400, detail,
                uri.getPath(), first.field(), errors);
        return respond(p);
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e, UriInfo uri) {
        Problem p = new Problem(Problem.TYPE_BASE + "invalid-parameter", "A parameter is not valid", 400,
                e.getMessage(), uri.getPath(), e.parameter(),
                List.of(new Problem.InvalidField(e.parameter(), null, e.getMessage())));
        return respond(p);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e, UriInfo uri) {
        return respond(Problem.of(404, "not-found", "Not found", e.getMessage()).at(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response ambiguousCase(AmbiguousCaseProblem e, UriInfo uri) {
        Problem p = new Problem(Problem.TYPE_BASE + "ambiguous-case", "More than one case has this id", 409,
                e.getMessage(), uri.getPath(), "authority", null);
        // RFC 9457 extension member: the councils the id names, among the caller's.
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", p.instance());
        body.put("field", p.field());
        body.put("authorities", e.authorities());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, "http-" + status, title, e.getMessage()).at(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (TransientFailures.isTransient(e)) {
            LOG.warnf("Transient %s on %s: answered 503", e.getClass().getSimpleName(), uri.getPath());
            Response r = respond(Problem.of(503, "unavailable", "Service unavailable",
                    "A dependency is briefly unavailable; nothing was applied. Retry shortly.").at(uri.getPath()));
            return Response.fromResponse(r).header("Retry-After", "5").build();
        }
        // The message may carry data from the request; log the type only.
        LOG.errorf("Unexpected %s on %s", e.getClass().getName(), uri.getPath());
        LOG.debug("Unexpected failure", e);
        return respond(Problem.of(500, "internal", "Internal error",
                "The request could not be completed; it was not applied. Try again later.").at(uri.getPath()));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
