package cin.reminders.dashboard.rest;

import cin.reminders.domain.model.Councils;
import cin.reminders.dashboard.service.DashboardQueries;
import cin.reminders.dashboard.service.DashboardQueries.ComplianceRow;
import cin.reminders.dashboard.service.DashboardQueries.Counts;
import cin.reminders.dashboard.service.DashboardQueries.DlqSize;
import cin.reminders.dashboard.service.DashboardQueries.Failures;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.security.AccessPolicy;
import cin.reminders.platform.pages.PageText;
import cin.reminders.domain.model.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /dashboard}: the team managers' morning page (GOV.UK Design System, no JavaScript
 * needed). What is overdue and due this week by council, team and owner; on-time compliance over
 * the last 12 months; notices that failed in the last 14 days; the dead-letter queue.
 * {@code ?authority=} narrows every figure but the dead-letter queue to one council.
 */
@Path("/dashboard")
public class DashboardResource {

    /** The compliance target the ratings are judged against (a product default, not a statutory figure). */
    static final double TARGET = 90.0;
    static final double WELL_BELOW = 75.0;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Page page);
    }

    private final DashboardQueries queries;
    private final PolicyRegistry policies;
    private final ServiceClock clock;
    private final AccessPolicy access;

    public DashboardResource(DashboardQueries queries, PolicyRegistry policies, ServiceClock clock, AccessPolicy access) {
        this.queries = queries;
        this.policies = policies;
        this.clock = clock;
        this.access = access;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "dashboard", summary = "The team managers' dashboard (HTML)")
    public Uni<TemplateInstance> dashboard(
            @Parameter(description = "a council's policy id, e.g. durham; all councils when absent")
            @RestQuery String authority) {
        access.requireManager();
        Councils mine = access.councils();
        String wanted = authority == null || authority.isBlank() ? null : authority.strip();
        // A council the caller does not act for is as unknown as one that does not exist.
        String filter = wanted != null && policies.knows(wanted) && mine.contains(wanted) ? wanted : null;
        String unknown = wanted != null && filter == null ? wanted : null;
        Councils scope = filter == null ? mine : Councils.of(filter);
        LocalDate today = clock.today();
        // The dead-letter topic is the deployment's, shared by every council: its size is for operations (every council).
        Uni<DlqSize> dlq = mine.all() ? queries.dlqSize() : Uni.createFrom().item(DlqSize.unknown(
                "The dead-letter queue is shared by every council on this deployment: operations see its size"));
        return Uni.combine().all()
                .unis(queries.figures(scope), queries.recentFailures(scope), dlq)
                .asTuple()
                .map(t -> {
                    DashboardQueries.Figures f = t.getItem1().value();
                    return Templates.dashboard(page(today, filter, unknown, mine, f.councils(), f.teams(), f.owners(),
                            f.compliance(), t.getItem2(), t.getItem3())
                            .asOf(t.getItem1().at().atZone(ServiceClock.LONDON).format(TIME)));
                });
    }

    // ---- The page's model: everything formatted, so the template only places it -------------------

    public record Page(String today, String weekEnd, String complianceFrom, String complianceTo,
                       String authority, String councilName, String unknownAuthority, List<Option> councilOptions,
                       long overdue, long dueThisWeek, long failuresTotal, String dlq, boolean dlqKnown, String dlqTopic,
                       String dlqProblem,
                       List<CountRow> councils, List<CountRow> teams, boolean teamsTruncated, List<CountRow> owners,
                       boolean ownersTruncated,
                       List<ComplianceView> compliance, List<FailureView> failures, boolean failuresTruncated,
                       int ownerLimit, int failureLimit, String timelinessReport, String overdueHref, String dueHref,
                       String figuresAsOf) {

        /** The same page, saying when the database gave its figures (they may be up to a couple of minutes old). */
        Page asOf(String time) {
            return new Page(today, weekEnd, complianceFrom, complianceTo, authority, councilName, unknownAuthority,
                    councilOptions, overdue, dueThisWeek, failuresTotal, dlq, dlqKnown, dlqTopic, dlqProblem, councils,
                    teams, teamsTruncated, owners, ownersTruncated, compliance, failures, failuresTruncated, ownerLimit,
                    failureLimit, timelinessReport, overdueHref, dueHref, time);
        }

        public int teamLimit() {
            return DashboardQueries.TEAM_LIMIT;
        }

        public boolean filtered() {
            return authority != null;
        }
    }

    public record Option(String value, String label, boolean selected) {
    }

    /**
     * A row of one of the three "overdue and due this week" tables, with its status tag; {@code ownerId}
     * is the owner's participant id in the owners' table (two people may share a name), else null.
     */
    public record CountRow(String authority, String council, String name, String ownerId, String role, boolean assigned,
                           long overdue, long dueThisWeek, Tag status, String overdueHref, String dueHref, String label) {
    }

    /** A {@code govuk-tag}: the text says what the colour shows. */
    public record Tag(String text, String modifier) {
    }

    public record ComplianceView(String kind, String label, long onTime, long late, long missed, long total,
                                 String percent, Tag rating) {
    }

    public record FailureView(String failedAt, String caseId, String council, String template, String channel,
                              String recipient, String reason) {
    }

    Page page(LocalDate today, String filter, String unknown, Councils mine, List<DashboardQueries.CouncilRow> councils,
              List<DashboardQueries.TeamRow> teams, List<DashboardQueries.OwnerRow> owners, List<ComplianceRow> compliance,
              Failures failures, DlqSize dlq) {
        Counts total = councils.stream().map(DashboardQueries.CouncilRow::counts).reduce(Counts.ZERO, Counts::plus);
        List<Option> options = policies.all().stream()
                .filter(p -> mine.contains(p.authority()))
                .sorted(java.util.Comparator.comparing(Policy::name))
                .map(p -> new Option(p.authority(), p.name(), p.authority().equals(filter)))
                .toList();
        return new Page(
                today.format(DAY), today.plusDays(DashboardQueries.WEEK_DAYS).format(DAY),
                today.minusMonths(12).format(SHORT_DAY), today.minusDays(1).format(SHORT_DAY),
                filter, filter == null ? null : queries.councilName(filter), unknown, options,
                total.overdue(), total.dueThisWeek(), failures.total(),
                dlq.records().map(String::valueOf).orElse("unknown"), dlq.records().isPresent(), dlq.topic(),
                dlq.problem(),
                councils.stream().map(c -> countRow(c.authority(), c.council(), c.council(), null, null, true, c.counts(),
                        q -> q, c.council())).toList(),
                teams.stream().map(t -> countRow(t.authority(), t.council(), t.team(), null, null, t.teamSet(), t.counts(),
                        q -> q.withTeam(t.team(), t.teamSet()), (t.teamSet() ? t.team() : "no team") + ", " + t.council())).toList(),
                teams.size() >= DashboardQueries.TEAM_LIMIT,
                owners.stream().map(o -> countRow(o.authority(), o.council(), o.assigned() ? o.name() : "Unassigned",
                        o.ownerId(), PageText.roleLabel(o.role()), o.assigned(), o.counts(),
                        q -> q.withOwner(o.ownerId(), roleOf(o.role())),
                        (o.assigned() ? o.name() : "unassigned") + ", " + PageText.roleLabel(o.role()) + ", " + o.council())).toList(),
                owners.size() >= DashboardQueries.OWNER_LIMIT,
                compliance.stream().map(DashboardResource::complianceView).toList(),
                failures.rows().stream().map(f -> new FailureView(
                        f.failedAt() == null ? "" : f.failedAt().atZone(ServiceClock.LONDON).format(WHEN),
                        f.caseId(), f.council(), PageText.templateLabel(f.template()), PageText.channelLabel(f.channel()),
                        PageText.roleLabel(f.recipientRole()), f.reason() == null ? "No reason recorded" : f.reason())).toList(),
                failures.total() > failures.rows().size(),
                DashboardQueries.OWNER_LIMIT, DashboardQueries.FAILURE_LIMIT,
                // The compliance table's 12 months, row by row (CONTRACT-2 §8).
                "/api/reports/timeliness.csv?from=" + today.minusMonths(12) + "&to=" + today.minusDays(1)
                        + (filter == null ? "" : "&authority=" + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8)),
                ListQuery.overdue(filter).href(), ListQuery.dueThisWeek(filter).href(), null);
    }

    /**
     * A row and the links of its two figures to the lists behind them: {@code scope} narrows
     * {@link ListQuery#overdue} and {@link ListQuery#dueThisWeek} to the row's group; {@code label} names the group
     * for a screen reader ("Durham County Council", "Family Support East, Durham County Council").
     */
    static CountRow countRow(String authority, String council, String name, String ownerId, String role, boolean assigned,
                             Counts c, java.util.function.UnaryOperator<ListQuery> scope, String label) {
        Tag status = c.overdue() > 0 ? new Tag("Overdue", "govuk-tag--red")
                : c.dueThisWeek() > 0 ? new Tag("Due this week", "govuk-tag--yellow")
                : new Tag("Nothing due", "govuk-tag--green");
        return new CountRow(authority, council, name, ownerId, role, assigned, c.overdue(), c.dueThisWeek(), status,
                scope.apply(ListQuery.overdue(authority)).href(), scope.apply(ListQuery.dueThisWeek(authority)).href(), label);
    }

    static ComplianceView complianceView(ComplianceRow r) {
        String percent = r.percentOnTime().map(DashboardResource::percent).orElse("—");
        Tag rating = r.percentOnTime().map(p -> p >= TARGET ? new Tag("On target", "govuk-tag--green")
                        : p >= WELL_BELOW ? new Tag("Below target", "govuk-tag--yellow")
                        : new Tag("Well below target", "govuk-tag--red"))
                .orElse(new Tag("None due", "govuk-tag--grey"));
        return new ComplianceView(r.kind().name(), r.kind().label(), r.onTime(), r.late(), r.missed(), r.total(),
                percent, rating);
    }

    /** 66.7%, 100%: one decimal place, none when it is a whole number. */
    static String percent(double p) {
        double rounded = Math.round(p * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.format(Locale.UK, "%.0f%%", rounded)
                : String.format(Locale.UK, "%.1f%%", rounded);
    }

    private static Role roleOf(String role) {
        try {
            return role == null ? null : Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
