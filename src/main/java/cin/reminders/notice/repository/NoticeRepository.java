package cin.reminders.notice.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NoticeRepository implements PanacheRepositoryBase<NoticeEntity, UUID> {

    public Uni<List<NoticeEntity>> forCase(String caseId) {
        return find("caseId", Sort.by("scheduledFor").and("createdAt").and("id"), caseId).list();
    }
}
