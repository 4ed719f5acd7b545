package cin.reminders.notice.repository;

import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.platform.sql.ParticipantRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lead professionals and team managers of a set of cases, in one query. */
@ApplicationScoped
public class ProfessionalContacts {

    /** A case's professionals, in upsert order (the last of a role is the current holder). */
    public record OfCase(List<Participant> people) {
        public Optional<Participant> byId(String id) {
            return people.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        public Optional<Participant> current(Role role) {
            Participant found = null;
            for (Participant p : people) {
                if (p.role() == role) {
                    found = p;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    public Uni<Map<String, OfCase>> forCases(SqlConnection c, Collection<String> caseIds) {
        return c.preparedQuery("""
                        select * from participant
                        where case_id = any($1) and role in ('LEAD_PROFESSIONAL', 'TEAM_MANAGER')
                        order by case_id, position""")
                .execute(Tuple.of((Object) caseIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<Participant>> byCase = new HashMap<>();
                    rows.forEach(r -> byCase.computeIfAbsent(r.getString("case_id"), k -> new ArrayList<>())
                            .add(ParticipantRows.participant(r)));
                    Map<String, OfCase> out = new HashMap<>();
                    byCase.forEach((k, v) -> out.put(k, new OfCase(v)));
                    return out;
                });
    }
}
