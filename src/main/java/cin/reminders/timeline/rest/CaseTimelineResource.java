package cin.reminders.timeline.rest;

import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.notice.rest.NoticeView;
import cin.reminders.obligation.rest.ObligationView;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.pages.PageText;
import cin.reminders.platform.pages.Tag;
import cin.reminders.platform.problem.AmbiguousCaseProblem;
import cin.reminders.platform.problem.NotFoundProblem;
import cin.reminders.timeline.service.CaseTimeline;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code GET /cases/{caseId}}: a case's timeline (CONTRACT-2 §8): its obligations (rule, due date, status and what
 * closed them) and its notices (recipient role, channel, status, time and reason), the rows of the two case APIs.
 * Never an address: a notice shows the recipient's role, and a provider's reason is shown with any email address or
 * phone number taken out.
 * <p>
 * As on the API, a case outside the caller's councils is 404, like an unknown one; an id two of the caller's councils
 * use is 409, and the page then offers a link to each council's case instead of a bare problem.
 */
@Path("/cases/{caseId}")
public class CaseTimelineResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance timeline(Page page);

        static native TemplateInstance notFound(String caseId);

        static native TemplateInstance choose(String caseId, List<Choice> choices);
    }

    private final CaseTimeline timelines;
    private final PolicyRegistry policies;
    private final ServiceClock clock;

    public CaseTimelineResource(CaseTimeline timelines, PolicyRegistry policies, ServiceClock clock) {
        this.timelines = timelines;
        this.policies = policies;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "caseTimeline", summary = "A case's timeline: its obligations and notices (HTML)",
            description = "The rows of GET /api/cases/{caseId}/obligations and /notices, for people. Never an address.")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "404", description = "No such case in the caller's councils (a page saying so)")
    @APIResponse(responseCode = "409", description = "The id names cases in more than one of the caller's councils: "
            + "a page linking to each (name one with authority)")
    public Uni<RestResponse<String>> timeline(@PathParam("caseId") String caseId,
            @Parameter(description = "the council whose case this is, when the id is used by more than one of yours")
            @RestQuery String authority) {
        return timelines.of(caseId, authority)
                .chain(t -> Templates.timeline(page(t)).createUni().map(html -> html(RestResponse.Status.OK, html)))
                .onFailure(NotFoundProblem.class).recoverWithUni(e -> Templates.notFound(caseId).createUni()
                        .map(html -> html(RestResponse.Status.NOT_FOUND, html)))
                .onFailure(AmbiguousCaseProblem.class).recoverWithUni(e -> Templates.choose(caseId,
                                ((AmbiguousCaseProblem) e).authorities().stream().map(a -> new Choice(councilName(a),
                                        "/cases/" + PageText.encode(caseId) + "?authority=" + PageText.encode(a))).toList())
                        .createUni().map(html -> html(RestResponse.Status.CONFLICT, html)));
    }

    private static RestResponse<String> html(RestResponse.Status status, String html) {
        return RestResponse.ResponseBuilder.create(status, html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    // ---- The page's model: everything formatted, so the template only places it -------------------

    public record Page(String caseId, String authority, String council, String today, long open, long overdue,
                       List<ObligationRow> obligations, List<NoticeRow> notices) {
    }

    /** {@code id}: the obligation's, for tests and scripts. */
    public record ObligationRow(String id, String what, String ruleId, String due, Tag status, String closed,
                                String owner) {
    }

    /** {@code id}: the notice's. {@code about}: what obligation it is about, if one. */
    public record NoticeRow(String id, String when, String notice, String about, String recipient, String channel,
                            Tag status, String reason) {
    }

    /** A council whose case has this id: where to see it. */
    public record Choice(String council, String href) {
    }

    Page page(CaseTimeline.Timeline t) {
        Map<UUID, String> kinds = t.obligations().stream()
                .collect(Collectors.toMap(ObligationView::id, o -> o.kind().label(), (a, b) -> a));
        List<ObligationRow> obligations = t.obligations().stream().map(o -> new ObligationRow(o.id().toString(),
                o.kind().label(), o.ruleId(), o.dueDate() == null ? "No due date" : PageText.day(o.dueDate()),
                PageText.obligationTag(o.status()), PageText.closed(o.closeReason(), o.closedOn()),
                PageText.roleLabel(o.owner().role() == null ? null : o.owner().role().name()))).toList();
        List<NoticeRow> notices = t.notices().stream().map(n -> noticeRow(n, kinds::get)).toList();
        long open = t.obligations().stream().filter(o -> o.status().name().equals("OPEN")).count();
        long overdue = t.obligations().stream().filter(o -> o.status().name().equals("OVERDUE")).count();
        return new Page(t.ref().caseId(), t.ref().authority(), councilName(t.ref().authority()),
                PageText.WEEKDAY.format(clock.today()), open + overdue, overdue, obligations, notices);
    }

    static NoticeRow noticeRow(NoticeView n, Function<UUID, String> kindOf) {
        boolean happened = n.sentAt() != null;
        String when = happened ? PageText.when(n.sentAt())
                : n.scheduledFor() == null ? "" : "Planned for " + PageText.when(n.scheduledFor());
        String about = n.obligationId() == null ? "" : java.util.Objects.requireNonNullElse(kindOf.apply(n.obligationId()), "");
        String reason = PageText.redact(n.reason());
        return new NoticeRow(n.id().toString(), when, PageText.templateLabel(n.template()), about,
                PageText.roleLabel(n.recipient() == null ? null : n.recipient().role()), PageText.channelLabel(n.channel()),
                PageText.noticeTag(n.status()), reason == null || reason.isBlank() ? "" : reason);
    }

    private String councilName(String authority) {
        return policies.find(authority).map(Policy::name).orElse(authority);
    }
}
