package cin.reminders.obligation.repository;

import cin.reminders.domain.model.ObligationStatus;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ObligationRepository implements PanacheRepositoryBase<ObligationEntity, UUID> {

    private static final Sort ORDER = Sort.by("dueDate", Sort.Direction.Ascending, Sort.NullPrecedence.NULLS_LAST)
            .and("caseId").and("kind").and("id");

    public Uni<List<ObligationEntity>> forCase(String caseId) {
        return find("caseId", ORDER, caseId).list();
    }

    /** A page of obligations matching the filter, in due-date order. */
    public PanacheQuery<ObligationEntity> search(ObligationFilter f, LocalDate today) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (f.status() != null) {
            switch (f.status()) {
                case OPEN -> {
                    where.add("status = :open and (dueDate is null or dueDate >= :today)");
                    params.and("open", ObligationStatus.OPEN).and("today", today);
                }
                case OVERDUE -> {
                    where.add("status = :open and dueDate < :today");
                    params.and("open", ObligationStatus.OPEN).and("today", today);
                }
                default -> {
                    where.add("status = :status");
                    params.and("status", f.status());
                }
            }
        }
        if (f.kind() != null) {
            where.add("kind = :kind");
            params.and("kind", f.kind());
        }
        if (f.owner() != null) {
            where.add("ownerParticipantId = :owner");
            params.and("owner", f.owner());
        }
        if (f.authority() != null) {
            where.add("authority = :authority");
            params.and("authority", f.authority());
        }
        if (f.dueBefore() != null) {
            where.add("dueDate < :dueBefore");
            params.and("dueBefore", f.dueBefore());
        }
        if (f.caseId() != null) {
            where.add("caseId = :caseId");
            params.and("caseId", f.caseId());
        }
        String query = where.isEmpty() ? "from ObligationEntity" : "from ObligationEntity where " + String.join(" and ", where);
        return find(query, ORDER, params);
    }
}
