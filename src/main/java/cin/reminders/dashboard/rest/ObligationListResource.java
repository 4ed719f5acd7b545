package cin.reminders.dashboard.rest;

import cin.reminders.dashboard.service.DashboardQueries;
import cin.reminders.domain.model.Councils;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.obligation.repository.ObligationFilter;
import cin.reminders.obligation.rest.ObligationView;
import cin.reminders.obligation.service.ObligationQueries;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.pages.PageText;
import cin.reminders.platform.pages.Pagination;
import cin.reminders.platform.pages.Tag;
import cin.reminders.platform.problem.QueryParams;
import cin.reminders.platform.security.AccessPolicy;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /dashboard/obligations}: the obligations behind a dashboard figure (CONTRACT-2 §8), {@value #PAGE_SIZE}
 * a page, in the order and with the filters of {@code GET /api/obligations} (the same query: the rows are the API's),
 * each linking to its case's timeline. A bad filter is a 400 problem naming it, as on the API.
 */
@Path(ListQuery.PATH)
public class ObligationListResource {

    static final int PAGE_SIZE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance obligations(ListPage page);
    }

    private final ObligationQueries queries;
    private final DashboardQueries dashboard;
    private final PolicyRegistry policies;
    private final ServiceClock clock;
    private final AccessPolicy access;

    public ObligationListResource(ObligationQueries queries, DashboardQueries dashboard, PolicyRegistry policies,
                                  ServiceClock clock, AccessPolicy access) {
        this.queries = queries;
        this.dashboard = dashboard;
        this.policies = policies;
        this.clock = clock;
        this.access = access;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "dashboardObligations", summary = "The obligations behind a dashboard figure (HTML), paged",
            description = "Every figure of /dashboard links here. Rows are those of GET /api/obligations with the same "
                    + "filters, in due-date order, 50 a page; each links to its case's timeline (/cases/{caseId}).")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "400", description = "A filter is not valid: a problem naming it")
    public Uni<TemplateInstance> list(
            @Parameter(description = "a council's policy id, e.g. durham") @RestQuery String authority,
            @Parameter(description = "the case's team, as the case-management system names it") @RestQuery String team,
            @Parameter(description = "true: only cases with no team set") @RestQuery String noTeam,
            @Parameter(description = "the owner's participant id") @RestQuery String owner,
            @Parameter(description = "true: only obligations with no owner yet") @RestQuery String unassigned,
            @Parameter(description = "the role the obligation asks of its owner: LEAD_PROFESSIONAL, TEAM_MANAGER...")
            @RestQuery String role,
            @Parameter(description = "OVERDUE, OPEN (open and not overdue), COMPLETED or CANCELLED") @RestQuery String status,
            @Parameter(description = "an obligation kind, e.g. PLAN_REVIEW") @RestQuery String kind,
            @Parameter(description = "week: due up to today + 7 days (with status=OPEN: the dashboard's \"due this week\")")
            @RestQuery String window,
            @Parameter(description = "the page, from 1") @RestQuery @DefaultValue("1") String page) {
        access.requireManager();
        ListQuery query = new ListQuery(QueryParams.text(authority), QueryParams.text(team),
                QueryParams.flag("noTeam", noTeam), QueryParams.text(owner), QueryParams.flag("unassigned", unassigned),
                QueryParams.enumValue("role", role, Role.class),
                QueryParams.enumValue("status", status, ObligationStatus.class),
                QueryParams.enumValue("kind", kind, ObligationKind.class),
                QueryParams.enumValue("window", window == null ? null : window.toUpperCase(Locale.ROOT), ListQuery.Window.class));
        int pageNumber = QueryParams.integer("page", page, 1, 1_000_000);
        LocalDate today = clock.today();
        Councils mine = access.councils();
        ObligationFilter filter = new ObligationFilter(query.status(), query.kind(), query.owner(), query.authority(),
                query.window() == ListQuery.Window.WEEK ? today.plusDays(DashboardQueries.WEEK_DAYS + 1) : null, null, mine,
                query.team(), query.noTeam(), query.role(), query.unassigned());
        return queries.search(filter, pageNumber - 1, PAGE_SIZE)
                .map(p -> Templates.obligations(page(query, pageNumber, today, mine, p)));
    }

    // ---- The page's model: everything formatted, so the template only places it -------------------

    public record ListPage(String heading, String description, String councilName, String councilHref, List<Row> rows,
                           Pagination pagination, List<Option> councils, List<Option> statuses, List<Option> kinds,
                           List<Option> windows, List<ListQuery.Param> hidden, String today) {
    }

    /** An obligation, as the list shows it; {@code id} is the obligation's, for tests and scripts. */
    public record Row(String id, String caseId, String caseHref, String council, String what, String ruleId, String due,
                      Tag status, String owner) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    ListPage page(ListQuery q, int pageNumber, LocalDate today, Councils mine, ObligationQueries.PageOf<ObligationView> found) {
        List<Row> rows = found.items().stream().map(o -> row(o)).toList();
        Pagination pagination = Pagination.of(pageNumber, PAGE_SIZE, found.total(), q::href);
        String council = q.authority() == null ? null : dashboard.councilName(q.authority());
        return new ListPage(heading(q), description(q, council, today), council,
                q.authority() == null ? null : "/dashboard?authority=" + PageText.encode(q.authority()),
                rows, pagination, councilOptions(q, mine), statusOptions(q), kindOptions(q), windowOptions(q),
                q.params().stream().filter(p -> HIDDEN.contains(p.name())).toList(), PageText.WEEKDAY.format(today));
    }

    /** The filters the form does not show (they come from a dashboard row) are kept as they are. */
    private static final List<String> HIDDEN = List.of("team", "noTeam", "owner", "unassigned", "role");

    Row row(ObligationView o) {
        String owner = PageText.roleLabel(o.owner().role() == null ? null : o.owner().role().name())
                + (o.owner().participantId() == null ? " (no one yet)" : " (" + o.owner().participantId() + ")");
        return new Row(o.id().toString(), o.caseId(),
                "/cases/" + PageText.encode(o.caseId()) + "?authority=" + PageText.encode(o.authority()),
                dashboard.councilName(o.authority()), o.kind().label(), o.ruleId(),
                o.dueDate() == null ? "No due date" : PageText.day(o.dueDate()), PageText.obligationTag(o.status()), owner);
    }

    static String heading(ListQuery q) {
        if (q.window() == ListQuery.Window.WEEK && q.status() == ObligationStatus.OPEN) {
            return "Due this week";
        }
        if (q.status() == null) {
            return "Obligations";
        }
        return switch (q.status()) {
            case OVERDUE -> "Overdue";
            case OPEN -> "Open, not overdue";
            case COMPLETED -> "Done";
            case CANCELLED -> "Cancelled";
        };
    }

    /** What the list is of, in words: "Durham County Council, team Family Support East, due from ... to ...". */
    static String description(ListQuery q, String council, LocalDate today) {
        List<String> parts = new ArrayList<>();
        parts.add(council == null ? "All your councils" : council);
        if (q.team() != null) {
            parts.add("team " + q.team());
        } else if (q.noTeam()) {
            parts.add("cases with no team set");
        }
        if (q.owner() != null) {
            parts.add("owner " + q.owner());
        } else if (q.unassigned()) {
            parts.add("no owner yet");
        }
        if (q.role() != null) {
            parts.add("asked of the " + PageText.roleLabel(q.role().name()).toLowerCase(Locale.UK));
        }
        if (q.kind() != null) {
            parts.add(q.kind().label());
        }
        if (q.window() == ListQuery.Window.WEEK) {
            parts.add((q.status() == ObligationStatus.OPEN ? "due from " + PageText.day(today) : "due") + " up to "
                    + PageText.day(today.plusDays(DashboardQueries.WEEK_DAYS)));
        }
        return String.join(", ", parts);
    }

    List<Option> councilOptions(ListQuery q, Councils mine) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "All councils", q.authority() == null));
        policies.all().stream().filter(p -> mine.contains(p.authority())).sorted(Comparator.comparing(Policy::name))
                .forEach(p -> out.add(new Option(p.authority(), p.name(), p.authority().equals(q.authority()))));
        return out;
    }

    static List<Option> statusOptions(ListQuery q) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "Any", q.status() == null));
        out.add(new Option("OVERDUE", "Overdue", q.status() == ObligationStatus.OVERDUE));
        out.add(new Option("OPEN", "Open, not overdue", q.status() == ObligationStatus.OPEN));
        out.add(new Option("COMPLETED", "Done", q.status() == ObligationStatus.COMPLETED));
        out.add(new Option("CANCELLED", "Cancelled", q.status() == ObligationStatus.CANCELLED));
        return out;
    }

    static List<Option> kindOptions(ListQuery q) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "Any", q.kind() == null));
        Arrays.stream(ObligationKind.values()).forEach(k -> out.add(new Option(k.name(), k.label(), k == q.kind())));
        return out;
    }

    static List<Option> windowOptions(ListQuery q) {
        return List.of(new Option("", "Any date", q.window() == null),
                new Option("week", "Up to a week from today", q.window() == ListQuery.Window.WEEK));
    }
}
