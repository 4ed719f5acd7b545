package cin.reminders.audit.service;

import cin.reminders.audit.repository.AccessLogStore;
import cin.reminders.domain.audit.Access;
import cin.reminders.ingest.repository.CaseRecordStore;
import cin.reminders.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Read side of the access log: one case's reads. */
@ApplicationScoped
public class AccessLogQueries {

    private final Pool pool;
    private final CaseRecordStore cases;
    private final AccessLogStore store;

    public AccessLogQueries(Pool pool, CaseRecordStore cases, AccessLogStore store) {
        this.pool = pool;
        this.cases = cases;
        this.store = store;
    }

    /** A case's council, and its reads newest first. */
    public record CaseLog(String authority, List<Access> reads) {
    }

    /** @throws NotFoundProblem for a case the service has never heard of */
    public Uni<CaseLog> forCase(String caseId, int limit) {
        return cases.authorityOf(pool, caseId)
                .chain(authority -> authority.isEmpty()
                        ? Uni.createFrom().failure(new NotFoundProblem("No case " + caseId + " is known to this service"))
                        : store.forCase(pool, authority.get(), caseId, limit).map(reads -> new CaseLog(authority.get(), reads)));
    }
}
