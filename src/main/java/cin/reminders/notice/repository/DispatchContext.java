package cin.reminders.notice.repository;

import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.platform.sql.ParticipantRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What rendering a batch of notices needs, read in two queries for the whole batch: the people of
 * each case (recipients, the child, the lead professional) and the obligations reminded about.
 */
@ApplicationScoped
public class DispatchContext {

    private final Pool pool;

    public DispatchContext(Pool pool) {
        this.pool = pool;
    }

    /** An obligation as a reminder shows it. */
    public record ObligationFacts(UUID id, ObligationKind kind, String ruleId, LocalDate dueDate, ObligationStatus status,
                                  LocalDate agreedDate) {
    }

    /** The loaded context. */
    public record Loaded(Map<String, Map<String, Participant>> people, Map<UUID, ObligationFacts> obligations) {

        public Optional<Participant> participant(String caseId, String id) {
            return Optional.ofNullable(people.getOrDefault(caseId, Map.of()).get(id));
        }

        /** The current holder of a role (the latest upserted). */
        public Optional<Participant> current(String caseId, Role role) {
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
        String[] cases = notices.stream().map(ClaimedNotice::caseId).distinct().toArray(String[]::new);
        UUID[] obligations = notices.stream().map(ClaimedNotice::obligationId).filter(java.util.Objects::nonNull)
                .distinct().toArray(UUID[]::new);
        Uni<Map<String, Map<String, Participant>>> people = pool.preparedQuery(
                        "select * from participant where case_id = any($1) order by case_id, position")
                .execute(Tuple.of((Object) cases))
                .map(rows -> {
                    Map<String, Map<String, Participant>> m = new HashMap<>();
                    rows.forEach(r -> m.computeIfAbsent(r.getString("case_id"), k -> new LinkedHashMap<>())
                            .put(r.getString("participant_id"), ParticipantRows.participant(r)));
                    return m;
                });
        Uni<Map<UUID, ObligationFacts>> facts = obligations.length == 0 ? Uni.createFrom().item(Map.of())
                : pool.preparedQuery("select id, kind, rule_id, due_date, status, agreed_date from obligation where id = any($1)")
                .execute(Tuple.of((Object) obligations))
                .map(rows -> {
                    Map<UUID, ObligationFacts> m = new HashMap<>();
                    rows.forEach(r -> m.put(r.getUUID("id"), new ObligationFacts(r.getUUID("id"),
                            ObligationKind.valueOf(r.getString("kind")), r.getString("rule_id"), r.getLocalDate("due_date"),
                            ObligationStatus.valueOf(r.getString("status")), r.getLocalDate("agreed_date"))));
                    return m;
                });
        return Uni.combine().all().unis(people, facts).with(Loaded::new);
    }

}
