package cin.reminders.obligation.service;

import cin.reminders.domain.model.Councils;
import cin.reminders.platform.sql.CouncilScope;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.obligation.repository.ObligationFilter;
import cin.reminders.obligation.repository.ObligationHistoryStore;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.obligation.rest.ObligationView;
import cin.reminders.platform.ServiceClock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/** Read side of obligations: a case's timetable, and caseload or team views across cases. */
@ApplicationScoped
public class ObligationQueries {

    private final CouncilScope scope;
    private final ObligationStore obligations;
    private final ObligationHistoryStore history;
    private final ServiceClock clock;

    public ObligationQueries(CouncilScope scope, ObligationStore obligations, ObligationHistoryStore history,
                             ServiceClock clock) {
        this.history = history;
        this.scope = scope;
        this.obligations = obligations;
        this.clock = clock;
    }

    /** A case the caller may read (resolved and checked by the access policy). */
    public Uni<List<ObligationView>> forCase(CaseRef caseId) {
        LocalDate today = clock.today();
        return scope.actingFor(Councils.of(caseId.authority()), c -> obligations.forCase(c, caseId)
                .chain(list -> history.dueDateChanges(c, list.stream().map(o -> o.obligation().id()).toList())
                        .map(moves -> list.stream().map(o -> ObligationView.of(o, today).withHistory(
                                moves.getOrDefault(o.obligation().id(), List.of()).stream()
                                        .map(m -> new ObligationView.DueDateMove(m.oldDue(), m.newDue(), m.at(), m.cause()))
                                        .toList())).toList())));
    }

    /** One page of matching obligations, and how many match in all. */
    public record PageOf<T>(List<T> items, long total) {
    }

    /**
     * A professional's work tray: their open obligations due up to {@code until}, overdue first, then soonest due;
     * one page of them and how many in all.
     */
    public Uni<PageOf<ObligationView>> workOf(String participantId, Councils councils, LocalDate until, int page, int size) {
        LocalDate today = clock.today();
        return scope.actingFor(councils, c -> obligations.openOwnedUntil(c, participantId, councils, until, page, size))
                .map(p -> new PageOf<>(p.items().stream().map(o -> ObligationView.of(o, today)).toList(), p.total()));
    }

    /** The councils, among the given ones, in which a professional owns any obligation (open or closed). */
    public Uni<List<String>> councilsOf(String participantId, Councils councils) {
        return scope.actingFor(councils, c -> obligations.authoritiesOwnedBy(c, participantId, councils));
    }

    public Uni<PageOf<ObligationView>> search(ObligationFilter filter, int page, int size) {
        LocalDate today = clock.today();
        return scope.actingFor(filter.councils(), c -> obligations.search(c, filter, today, page, size))
                .map(p -> new PageOf<>(p.items().stream().map(o -> ObligationView.of(o, today)).toList(), p.total()));
    }
}
