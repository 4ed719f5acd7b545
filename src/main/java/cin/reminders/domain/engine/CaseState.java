package cin.reminders.domain.engine;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A case as the engine sees it: its facts, its participants (in the order they were last
 * upserted) and its open obligations.
 */
public record CaseState(
        String caseId,
        String authority,
        CaseFacts facts,
        Map<String, Participant> participants,
        List<Obligation> open) {

    public CaseState {
        participants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(participants));
        open = List.copyOf(open);
    }

    /** Which case this is: its council and its id there. */
    public CaseRef ref() {
        return new CaseRef(authority, caseId);
    }

    public static CaseState empty(CaseRef ref) {
        return empty(ref.caseId(), ref.authority());
    }

    public static CaseState empty(String caseId, String authority) {
        return new CaseState(caseId, authority, CaseFacts.initial(), Map.of(), List.of());
    }

    /**
     * The open obligation of a kind. A per-meeting record kind ({@link ObligationKind#perMeetingRecord}) may have several
     * open, one per meeting: this is then any one of them; {@link RecordDuties#fulfilledBy} picks the one a record is for.
     */
    public Optional<Obligation> openOf(ObligationKind kind) {
        return open.stream().filter(o -> o.kind() == kind).findFirst();
    }

    /** The participant currently holding a role: the one most recently upserted with it. */
    public Optional<Participant> current(Role role) {
        Participant found = null;
        for (Participant p : participants.values()) {
            if (p.role() == role) {
                found = p;
            }
        }
        return Optional.ofNullable(found);
    }
}
