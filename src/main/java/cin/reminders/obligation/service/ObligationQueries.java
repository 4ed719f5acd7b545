package cin.reminders.obligation.service;

import cin.reminders.ingest.repository.CaseRecordStore;
import cin.reminders.obligation.repository.ObligationFilter;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.obligation.rest.ObligationView;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/** Read side of obligations: a case's timetable, and caseload or team views across cases. */
@ApplicationScoped
public class ObligationQueries {

    private final Pool pool;
    private final ObligationStore obligations;
    private final CaseRecordStore cases;
    private final ServiceClock clock;

    public ObligationQueries(Pool pool, ObligationStore obligations, CaseRecordStore cases, ServiceClock clock) {
        this.pool = pool;
        this.obligations = obligations;
        this.cases = cases;
        this.clock = clock;
    }

    /** @throws NotFoundProblem for a case the service has never heard of */
    public Uni<List<ObligationView>> forCase(String caseId) {
        LocalDate today = clock.today();
        return cases.exists(pool, caseId)
                .chain(known -> known ? obligations.forCase(pool, caseId)
                        : Uni.createFrom().failure(new NotFoundProblem("No case " + caseId + " is known to this service")))
                .map(list -> list.stream().map(o -> ObligationView.of(o, today)).toList());
    }

    /** One page of matching obligations, and how many match in all. */
    public record PageOf<T>(List<T> items, long total) {
    }

    public Uni<PageOf<ObligationView>> search(ObligationFilter filter, int page, int size) {
        LocalDate today = clock.today();
        return obligations.search(pool, filter, today, page, size)
                .map(p -> new PageOf<>(p.items().stream().map(o -> ObligationView.of(o, today)).toList(), p.total()));
    }
}
