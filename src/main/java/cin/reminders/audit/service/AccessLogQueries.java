package cin.reminders.audit.service;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.Councils;
import cin.reminders.platform.sql.CouncilScope;
import cin.reminders.audit.repository.AccessLogStore;
import cin.reminders.domain.audit.Access;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Read side of the access log: one case's reads. */
@ApplicationScoped
public class AccessLogQueries {

    private final CouncilScope scope;
    private final AccessLogStore store;

    public AccessLogQueries(CouncilScope scope, AccessLogStore store) {
        this.scope = scope;
        this.store = store;
    }

    /** A case's reads, newest first: a case the caller may read (resolved and checked by the access policy). */
    public Uni<List<Access>> forCase(CaseRef ref, int limit) {
        return scope.actingFor(Councils.of(ref.authority()), c -> store.forCase(c, ref.authority(), ref.caseId(), limit));
    }
}
