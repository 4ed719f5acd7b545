package cin.reminders.domain.engine;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.policy.PolicyRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of fresh (already deduplicated) events to the states of their cases, in
 * arrival order, and collects what must be written. Events of one case are applied one after
 * another; the final state of each obligation is all that reaches the database.
 */
public final class CaseBatch {

    private final PolicyRegistry policies;
    private final PolicyEngine engine;

    public CaseBatch(PolicyRegistry policies, PolicyEngine engine) {
        this.policies = policies;
        this.engine = engine;
    }

    /**
     * @param loaded the current state of every case the events name (a new case: {@link CaseState#empty})
     */
    public BatchOutcome apply(Map<CaseRef, CaseState> loaded, List<CaseEvent> events) {
        Map<CaseRef, CaseState> states = new LinkedHashMap<>(loaded);
        Set<UUID> existing = new HashSet<>();
        loaded.values().forEach(s -> s.open().forEach(o -> existing.add(o.id())));
        Map<UUID, Obligation> changed = new LinkedHashMap<>();
        List<BatchOutcome.AppliedEvent> decisions = new ArrayList<>();
        for (CaseEvent event : events) {
            CaseState before = Objects.requireNonNull(states.get(event.ref()), "no state loaded for " + event.ref());
            Decision decision = engine.apply(policies.on(before.authority(), event.date()), before, event);
            states.put(event.ref(), decision.after());
            decision.changed().forEach(o -> changed.put(o.id(), o));
            decisions.add(new BatchOutcome.AppliedEvent(event, before, decision));
        }
        Set<CaseRef> factsChanged = new HashSet<>();
        Set<CaseRef> participantsChanged = new HashSet<>();
        for (Map.Entry<CaseRef, CaseState> e : states.entrySet()) {
            CaseState before = loaded.get(e.getKey());
            if (!before.facts().equals(e.getValue().facts())) {
                factsChanged.add(e.getKey());
            }
            if (!before.participants().equals(e.getValue().participants())
                    || !List.copyOf(before.participants().keySet()).equals(List.copyOf(e.getValue().participants().keySet()))) {
                participantsChanged.add(e.getKey());
            }
        }
        List<Obligation> created = new ArrayList<>();
        List<Obligation> updated = new ArrayList<>();
        changed.values().forEach(o -> (existing.contains(o.id()) ? updated : created).add(o));
        return new BatchOutcome(states, factsChanged, participantsChanged, created, updated, decisions);
    }
}
