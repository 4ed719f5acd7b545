package cin.reminders.timeline.service;

import cin.reminders.audit.service.CaseReadAudit;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.notice.rest.NoticeView;
import cin.reminders.notice.service.NoticeQueries;
import cin.reminders.obligation.rest.ObligationView;
import cin.reminders.obligation.service.ObligationQueries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A case's timeline ({@code /cases/{caseId}}, CONTRACT-2 §8): its obligations and its notices, read by the same
 * queries as {@code GET /api/cases/{caseId}/obligations} and {@code /notices}, after the same access check (404
 * outside the caller's councils, 409 for an id two of them use), and recorded once in the access log.
 */
@ApplicationScoped
public class CaseTimeline {

    public static final String ENDPOINT = "GET /cases/{caseId}";

    private final CaseReadAudit audit;
    private final ObligationQueries obligations;
    private final NoticeQueries notices;

    public CaseTimeline(CaseReadAudit audit, ObligationQueries obligations, NoticeQueries notices) {
        this.audit = audit;
        this.obligations = obligations;
        this.notices = notices;
    }

    public record Timeline(CaseRef ref, List<ObligationView> obligations, List<NoticeView> notices) {
    }

    public Uni<Timeline> of(String caseId, String authority) {
        return audit.read(caseId, authority, ENDPOINT, ref -> Uni.combine().all()
                .unis(obligations.forCase(ref), notices.forCase(ref))
                .with((o, n) -> new Timeline(ref, o, n)));
    }
}
