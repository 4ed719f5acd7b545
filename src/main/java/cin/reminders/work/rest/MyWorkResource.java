package cin.reminders.work.rest;

import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.obligation.rest.ObligationView;
import cin.reminders.platform.pages.PageText;
import cin.reminders.platform.pages.Pagination;
import cin.reminders.platform.pages.Tag;
import cin.reminders.platform.problem.QueryParams;
import cin.reminders.platform.security.AccessPolicy;
import cin.reminders.work.service.MyWork;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /my}: the signed-in professional's work tray (CONTRACT-2 §8): their open obligations, overdue first, then
 * those due in the next four weeks, {@value #PAGE_SIZE} a page, each linking to its case's timeline; and the link to
 * their calendar feed. Who they are comes from the access policy (the token's {@code participant_id}); with
 * authentication off (dev and test) {@code ?participant=} says whose tray to show.
 */
@Path("/my")
public class MyWorkResource {

    static final int PAGE_SIZE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance my(Page page);
    }

    private final MyWork work;
    private final AccessPolicy access;
    private final PolicyRegistry policies;

    public MyWorkResource(MyWork work, AccessPolicy access, PolicyRegistry policies) {
        this.work = work;
        this.access = access;
        this.policies = policies;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "myWork", summary = "The signed-in professional's work tray (HTML)",
            description = "Their open obligations: overdue first, then due in the next 4 weeks, 50 a page, each linking "
                    + "to its case; and the subscribe link of their calendar feed.")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "400", description = "page is not a whole number from 1")
    public Uni<TemplateInstance> my(
            @Parameter(description = "dev and test only (authentication off): whose work to show, a participant id; "
                    + "ignored when people sign in") @RestQuery String participant,
            @Parameter(description = "the page, from 1") @RestQuery @DefaultValue("1") String page,
            @Context UriInfo uri) {
        int pageNumber = QueryParams.integer("page", page, 1, 1_000_000);
        Optional<String> who = access.professional(participant);
        if (who.isEmpty()) {
            return Uni.createFrom().item(Templates.my(Page.nobody(!access.enabled())));
        }
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        return work.of(who.get(), access.councils(), pageNumber - 1, PAGE_SIZE)
                .map(w -> Templates.my(page(who.get(), pageNumber, base, !access.enabled(), w)));
    }

    // ---- The page's model: everything formatted, so the template only places it -------------------

    /**
     * @param participant whose tray; null when no one is named (auth off, no {@code ?participant=})
     * @param asking with auth off: the page offers to name someone
     */
    public record Page(String participant, boolean asking, String today, String until, List<Row> overdue,
                       List<Row> dueSoon, long total, Pagination pagination, List<Feed> feeds) {
        static Page nobody(boolean asking) {
            return new Page(null, asking, null, null, List.of(), List.of(), 0, null, List.of());
        }

        public boolean named() {
            return participant != null;
        }
    }

    /** One of their obligations; {@code id} is the obligation's, for tests and scripts. */
    public record Row(String id, String caseId, String caseHref, String council, String what, String ruleId, String due,
                      String when, Tag status, boolean overdue) {
    }

    /** A calendar subscription: the council's name and the feed's full address. */
    public record Feed(String council, String url) {
    }

    Page page(String participant, int pageNumber, String base, boolean asking, MyWork.Work w) {
        List<Row> rows = w.page().items().stream().map(o -> row(o, w.today())).toList();
        String self = "/my" + (asking ? "?participant=" + PageText.encode(participant) : "");
        Pagination pagination = Pagination.of(pageNumber, PAGE_SIZE, w.page().total(),
                p -> p == 1 ? self : self + (asking ? "&" : "?") + "page=" + p);
        return new Page(participant, asking, PageText.WEEKDAY.format(w.today()), PageText.day(w.until()),
                rows.stream().filter(Row::overdue).toList(),
                rows.stream().filter(r -> !r.overdue()).toList(),
                w.page().total(), pagination,
                w.feeds().stream().map(f -> new Feed(councilName(f.authority()), base + f.path())).toList());
    }

    Row row(ObligationView o, LocalDate today) {
        long days = ChronoUnit.DAYS.between(today, o.dueDate());
        String when = days < -1 ? -days + " days overdue" : days == -1 ? "1 day overdue" : days == 0 ? "Due today"
                : days == 1 ? "Due tomorrow" : "Due in " + days + " days";
        boolean overdue = o.status() == ObligationStatus.OVERDUE;
        Tag tag = overdue ? PageText.obligationTag(o.status())
                : days <= 7 ? new Tag("Due this week", "govuk-tag--yellow") : new Tag("Due soon", "govuk-tag--blue");
        return new Row(o.id().toString(), o.caseId(),
                "/cases/" + PageText.encode(o.caseId()) + "?authority=" + PageText.encode(o.authority()),
                councilName(o.authority()), o.kind().label(), o.ruleId(), PageText.day(o.dueDate()), when, tag, overdue);
    }

    private String councilName(String authority) {
        return policies.find(authority).map(Policy::name).orElse(authority);
    }
}
