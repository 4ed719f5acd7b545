package cin.reminders.domain.engine;

import cin.reminders.domain.model.CaseRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch of events did, ready to be written in one transaction.
 *
 * @param cases every case touched, in its state after the batch
 * @param factsChanged cases whose facts changed
 * @param participantsChanged cases whose participants changed
 * @param created obligations that did not exist before the batch (in their final state)
 * @param updated obligations that existed before the batch and changed
 * @param decisions per applied event, in order (for notice planning)
 */
public record BatchOutcome(
        Map<CaseRef, CaseState> cases,
        Set<CaseRef> factsChanged,
        Set<CaseRef> participantsChanged,
        Collection<Obligation> created,
        Collection<Obligation> updated,
        List<AppliedEvent> decisions) {

    /** One event with the state of its case before it and the engine's decision. */
    public record AppliedEvent(cin.reminders.domain.event.CaseEvent event, CaseState before, Decision decision) {
    }

    public boolean isEmpty() {
        return created.isEmpty() && updated.isEmpty() && factsChanged.isEmpty() && participantsChanged.isEmpty();
    }

}
