package cin.reminders.notice.repository;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.obligation.repository.ObligationStore;
import java.util.Objects;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What rendering a batch of notices needs, read in two queries for the whole batch: the people of
 * each case (recipients, the child, the lead professional) and the obligations reminded about. It holds
 * no SQL: it asks the participant and obligation stores.
 */
@ApplicationScoped
public class DispatchContext {

    private final Pool pool;
    private final ParticipantStore participants;
    private final ObligationStore obligations;

    public DispatchContext(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, ParticipantStore participants, ObligationStore obligations) {
        this.pool = pool;
        this.participants = participants;
        this.obligations = obligations;
    }

    /** An obligation as a reminder shows it. */
    public record ObligationFacts(UUID id, ObligationKind kind, String ruleId, LocalDate dueDate, ObligationStatus status,
                                  LocalDate agreedDate) {

        public static ObligationFacts of(Obligation o) {
            return new ObligationFacts(o.id(), o.kind(), o.ruleId(), o.dueDate(), o.status(), o.agreedDate());
        }
    }

    /** The loaded context. */
    public record Loaded(Map<CaseRef, Map<String, Participant>> people, Map<UUID, ObligationFacts> obligations) {

        public Optional<Participant> participant(CaseRef caseId, String id) {
            return Optional.ofNullable(people.getOrDefault(caseId, Map.of()).get(id));
        }

        /** The current holder of a role (the latest upserted). */
        public Optional<Participant> current(CaseRef caseId, Role role) {
            Participant found = null;
            for (Participant p : people.getOrDefault(caseId, Map.of()).values()) {
                if (p.role() == role) {
                    found = p;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    public Uni<Loaded> load(Collection<ClaimedNotice> notices) {
        List<CaseRef> cases = notices.stream().map(ClaimedNotice::ref).distinct().toList();
        List<UUID> ids = notices.stream().map(ClaimedNotice::obligationId).filter(Objects::nonNull).distinct().toList();
        Uni<Map<CaseRef, Map<String, Participant>>> people = participants.forCases(pool, cases).map(DispatchContext::byCase);
        Uni<Map<UUID, ObligationFacts>> facts = obligations.byIds(pool, ids).map(stored -> {
            Map<UUID, ObligationFacts> m = new HashMap<>();
            stored.forEach((id, s) -> m.put(id, ObligationFacts.of(s.obligation())));
            return m;
        });
        return Uni.combine().all().unis(people, facts).with(Loaded::new);
    }

    /** Each case's people by id, in their order. */
    public static Map<CaseRef, Map<String, Participant>> byCase(Map<CaseRef, ParticipantStore.People> people) {
        Map<CaseRef, Map<String, Participant>> m = new HashMap<>();
        people.forEach((caseId, p) -> m.put(caseId, p.byId()));
        return m;
    }
}
