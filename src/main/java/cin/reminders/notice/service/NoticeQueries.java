package cin.reminders.notice.service;

import cin.reminders.notice.repository.NoticeRepository;
import cin.reminders.notice.rest.NoticeView;
import cin.reminders.obligation.repository.CaseRepository;
import cin.reminders.platform.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The audit record of a case's notices. */
@ApplicationScoped
public class NoticeQueries {

    private final NoticeRepository notices;
    private final CaseRepository cases;

    public NoticeQueries(NoticeRepository notices, CaseRepository cases) {
        this.notices = notices;
        this.cases = cases;
    }

    @WithSession
    public Uni<List<NoticeView>> forCase(String caseId) {
        return cases.findById(caseId)
                .onItem().ifNull().failWith(() -> new NotFoundProblem("No case " + caseId + " is known to this service"))
                .chain(c -> notices.forCase(caseId))
                .map(list -> list.stream().map(NoticeView::of).toList());
    }
}
