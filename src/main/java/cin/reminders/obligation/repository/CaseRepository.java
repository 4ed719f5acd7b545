package cin.reminders.obligation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<CaseEntity, String> {
}
