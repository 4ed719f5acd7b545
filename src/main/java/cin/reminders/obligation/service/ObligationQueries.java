package cin.reminders.obligation.service;

import cin.reminders.obligation.repository.CaseRepository;
import cin.reminders.obligation.repository.ObligationFilter;
import cin.reminders.obligation.repository.ObligationRepository;
import cin.reminders.obligation.rest.ObligationView;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/** Read side of obligations: a case's timetable, and caseload or team views across cases. */
@ApplicationScoped
public class ObligationQueries {

    private final ObligationRepository obligations;
    private final CaseRepository cases;
    private final ServiceClock clock;

    public ObligationQueries(ObligationRepository obligations, CaseRepository cases, ServiceClock clock) {
        this.obligations = obligations;
        this.cases = cases;
        this.clock = clock;
    }

    /** @throws NotFoundProblem for a case the service has never heard of */
    @WithSession
    public Uni<List<ObligationView>> forCase(String caseId) {
        LocalDate today = clock.today();
        return cases.findById(caseId)
                .onItem().ifNull().failWith(() -> new NotFoundProblem("No case " + caseId + " is known to this service"))
                .chain(c -> obligations.forCase(caseId))
                .map(list -> list.stream().map(o -> ObligationView.of(o, today)).toList());
    }

    /** One page of matching obligations, and how many match in all. */
    public record PageOf<T>(List<T> items, long total) {
    }

    @WithSession
    public Uni<PageOf<ObligationView>> search(ObligationFilter filter, int page, int size) {
        LocalDate today = clock.today();
        var query = obligations.search(filter, today).page(Page.of(page, size));
        return query.list().chain(list -> query.count()
                .map(total -> new PageOf<>(list.stream().map(o -> ObligationView.of(o, today)).toList(), total)));
    }
}
