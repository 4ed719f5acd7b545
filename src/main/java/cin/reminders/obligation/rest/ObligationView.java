package cin.reminders.obligation.rest;

import cin.reminders.domain.model.CloseReason;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import cin.reminders.obligation.repository.ObligationStore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An obligation as CONTRACT.md §2 shows it ({@code id, kind, ruleId, dueDate, status, owner,
 * triggeredBy}), extended with the case, the authority and, where they apply, the agreed date of
 * a breach and when and why it closed; a record distribution (one per meeting) also names its meeting
 * ({@code meetingDate}) and, where known, the kind of record whose publication fulfils it ({@code record}).
 * {@code policyVersion} is the version of the council's policy that opened it (CONTRACT-2 §9). {@code beyondCalendar}
 * (present only when true) says its due date lies beyond the last year the council's bank-holiday file covers, so a
 * bank holiday announced later may still move it; {@code dueDateHistory} (a case's obligations only) lists each
 * change of calendar that moved its due date, oldest first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObligationView(UUID id, ObligationKind kind, String ruleId, LocalDate dueDate, ObligationStatus status,
                             Owner owner, String triggeredBy, String caseId, String authority, LocalDate agreedDate,
                             Boolean breach, LocalDate closedOn, CloseReason closeReason, LocalDate meetingDate,
                             RecordKind record, String policyVersion, Boolean beyondCalendar,
                             List<DueDateMove> dueDateHistory) {

    /** A due date moved by a change of the council's calendar: from {@code previousDueDate} to {@code dueDate}. */
    public record DueDateMove(LocalDate previousDueDate, LocalDate dueDate, Instant at, String cause) {
    }

    /** Who must make it happen. {@code participantId} is null until the case has someone in that role. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Owner(String participantId, Role role) {
    }

    /** An obligation as the engine decided it (the dry run), before it is stored. */
    public static ObligationView of(cin.reminders.domain.engine.Obligation o, String authority, LocalDate today) {
        return new ObligationView(o.id(), o.kind(), o.ruleId(), o.dueDate(), o.status().asSeenOn(o.dueDate(), today),
                new Owner(o.ownerParticipantId(), o.ownerRole()), o.triggeredBy().id(), o.caseId(), authority, o.agreedDate(),
                o.breach() ? Boolean.TRUE : null, o.closedOn(), o.closeReason(), o.meetingDate(), o.record(),
                o.policyVersion(), o.dueBasis() != null && o.dueBasis().beyondCalendar() ? Boolean.TRUE : null, null);
    }

    /** With the changes of its due date (empty: none), as a case's obligations are shown. */
    public ObligationView withHistory(List<DueDateMove> moves) {
        return new ObligationView(id, kind, ruleId, dueDate, status, owner, triggeredBy, caseId, authority, agreedDate, breach,
                closedOn, closeReason, meetingDate, record, policyVersion, beyondCalendar, moves.isEmpty() ? null : moves);
    }

    public static ObligationView of(ObligationStore.StoredObligation stored, LocalDate today) {
        return of(stored.obligation(), stored.authority(), today);
    }
}
