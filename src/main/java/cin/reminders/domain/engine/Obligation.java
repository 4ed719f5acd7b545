package cin.reminders.domain.engine;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.event.EventKey;
import cin.reminders.domain.model.CloseReason;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Something that must happen on a case by a date: one row of the statutory timetable.
 *
 * @param ruleId the policy row that created it (e.g. {@code D1})
 * @param dueDate null only when the policy gives no deadline
 * @param triggeredBy the event that created it
 * @param triggeredOn that event's {@code data.date}
 * @param agreedDate a date agreed at the meeting that was later than the statutory maximum (then {@code breach})
 * @param goodPracticeOn an earlier "good practice" reminder date, or null
 * @param closedBy the event id (or {@code dispatch}) that completed or cancelled it
 * @param record for a duty that belongs to one meeting's record ({@link ObligationKind#perMeetingRecord}): the kind
 *        of record whose publication fulfils it (the meeting that opened it); null for every other kind, and for a
 *        record duty stored before this was known (then a record of either meeting kind may fulfil it)
 * @param policyVersion the version of the council's policy that opened it (the version in force on
 *        {@link #triggeredOn}, CONTRACT-2 §9); null for an obligation stored before versions were recorded
 * @param dueBasis what its due date was computed from, and in which calendar; null for an obligation stored before
 *        these were kept (re-dating then only moves a due date off a day the office is shut)
 */
public record Obligation(
        UUID id,
        CaseRef caseRef,
        ObligationKind kind,
        String ruleId,
        LocalDate dueDate,
        ObligationStatus status,
        Role ownerRole,
        String ownerParticipantId,
        EventKey triggeredBy,
        LocalDate triggeredOn,
        LocalDate agreedDate,
        boolean breach,
        LocalDate goodPracticeOn,
        LocalDate closedOn,
        CloseReason closeReason,
        String closedBy,
        RecordKind record,
        String policyVersion,
        DueBasis dueBasis) {

    /** The case's id within its council ({@link #caseRef}). */
    public String caseId() {
        return caseRef.caseId();
    }

    /** The council whose case this is. */
    public String authority() {
        return caseRef.authority();
    }

    /**
     * The meeting a record duty belongs to: the date of the meeting-held event that opened it (its
     * {@link #triggeredOn}); null for kinds that are not {@link ObligationKind#perMeetingRecord per meeting}.
     */
    public LocalDate meetingDate() {
        return kind.perMeetingRecord() ? triggeredOn : null;
    }

    public boolean isOpen() {
        return status == ObligationStatus.OPEN;
    }

    public Obligation complete(LocalDate on, String by) {
        return close(ObligationStatus.COMPLETED, CloseReason.FULFILLED, on, by);
    }

    public Obligation cancel(CloseReason reason, LocalDate on, String by) {
        return close(ObligationStatus.CANCELLED, reason, on, by);
    }

    private Obligation close(ObligationStatus to, CloseReason reason, LocalDate on, String by) {
        return new Obligation(id, caseRef, kind, ruleId, dueDate, to, ownerRole, ownerParticipantId, triggeredBy,
                triggeredOn, agreedDate, breach, goodPracticeOn, on, reason, by, record, policyVersion, dueBasis);
    }

    public Obligation withOwner(String participantId) {
        return new Obligation(id, caseRef, kind, ruleId, dueDate, status, ownerRole, participantId, triggeredBy,
                triggeredOn, agreedDate, breach, goodPracticeOn, closedOn, closeReason, closedBy, record, policyVersion,
                dueBasis);
    }

    /** Its dates as computed again in a changed calendar ({@link Redating}). */
    public Obligation redated(Redating.Redated r) {
        return new Obligation(id, caseRef, kind, ruleId, r.dueDate(), status, ownerRole, ownerParticipantId, triggeredBy,
                triggeredOn, r.agreedDate(), r.breach(), r.goodPracticeOn(), closedOn, closeReason, closedBy, record,
                policyVersion, r.basis());
    }
}
