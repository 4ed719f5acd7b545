package cin.reminders.domain;

import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.engine.Decision;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.engine.PolicyEngine;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.EventKey;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.policy.Policy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Replays a case's events through the engine as ingestion does (deduplicating on (source, id))
 * and keeps every obligation ever created, in its latest state.
 */
public final class CaseReplay {

    private final Policy policy;
    private final PolicyEngine engine = new PolicyEngine();
    private final Map<UUID, Obligation> all = new LinkedHashMap<>();
    private final Set<EventKey> seen = new HashSet<>();
    private CaseState state;

    public CaseReplay(Policy policy, String caseId) {
        this.policy = policy;
        this.state = CaseState.empty(caseId, policy.authority());
    }

    public CaseReplay apply(CaseEvent event) {
        if (!seen.add(event.key())) {
            return this;
        }
        Decision decision = engine.apply(policy, state, event);
        state = decision.after();
        decision.changed().forEach(o -> all.put(o.id(), o));
        return this;
    }

    public CaseReplay applyAll(List<CaseEvent> events) {
        events.forEach(this::apply);
        return this;
    }

    public CaseState state() {
        return state;
    }

    public List<Obligation> obligations() {
        return new ArrayList<>(all.values());
    }

    public List<Obligation> of(ObligationKind kind) {
        return all.values().stream().filter(o -> o.kind() == kind).toList();
    }

    public List<Obligation> open(ObligationKind kind) {
        return all.values().stream().filter(o -> o.kind() == kind && o.status() == ObligationStatus.OPEN).toList();
    }

    public Obligation onlyOpen(ObligationKind kind) {
        List<Obligation> open = open(kind);
        if (open.size() != 1) {
            throw new AssertionError("expected one open " + kind + " but found " + open);
        }
        return open.get(0);
    }
}
