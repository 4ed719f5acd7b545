package cin.reminders.domain.engine;

import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.RecordKind;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * Record distributions belong to one meeting's record (POLICIES.md, "Except record distributions"): a case holds one
 * open {@code MEETING_RECORD_DISTRIBUTION} or {@code REVIEW_RECORD_DISTRIBUTION} per meeting whose record has not
 * gone out, and a published record fulfils exactly one of them.
 * <p>
 * Which one: among the open duties of the record's kind (a planning meeting's record never fulfils a care team
 * meeting's duty), the one for the meeting on {@code meetingDate} when the record names it; without it, the oldest
 * (earliest meeting). A record that names a meeting for which no duty is open fulfils none: the copies still go out,
 * but no other meeting's duty is completed in its place, so an overdue duty stays in the manager's view until its own
 * record goes out (or a {@code cin.task.completed} closes it).
 */
public final class RecordDuties {

    /** Oldest first: the earliest meeting, then the sooner deadline (none last), then the id (a stable order). */
    static final Comparator<Obligation> OLDEST_FIRST = Comparator
            .comparing(Obligation::triggeredOn, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Obligation::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Obligation::id, Comparator.nullsLast(Comparator.<UUID>naturalOrder()));

    private RecordDuties() {
    }

    /**
     * The kind of record whose publication fulfils the duty a rule of {@code kind} opens on this event: a review's
     * record for a review duty; for a meeting record duty, the record of the meeting the event says was held (null
     * when the event is not a meeting's: then a record of either meeting kind may fulfil it).
     */
    static RecordKind recordFor(ObligationKind kind, EventType trigger) {
        if (!kind.perMeetingRecord()) {
            return null;
        }
        if (kind == ObligationKind.REVIEW_RECORD_DISTRIBUTION) {
            return RecordKind.REVIEW;
        }
        return switch (trigger) {
            case PLANNING_MEETING_HELD -> RecordKind.PLANNING_MEETING;
            case CARE_TEAM_MEETING_HELD -> RecordKind.CARE_TEAM_MEETING;
            default -> null;
        };
    }

    /**
     * The open duty a published record fulfils (see the class comment), or empty when none is open for it.
     *
     * @param meetingDate the record's {@code meetingDate}, when it names its meeting
     */
    public static Optional<Obligation> fulfilledBy(Collection<Obligation> open, RecordKind record,
                                                   Optional<LocalDate> meetingDate) {
        ObligationKind kind = record.duty();
        return open.stream()
                .filter(o -> o.isOpen() && o.kind() == kind && (o.record() == null || o.record() == record))
                .filter(o -> meetingDate.isEmpty() || meetingDate.get().equals(o.meetingDate()))
                .min(OLDEST_FIRST);
    }

    /** The oldest open duty of a per-meeting record kind (what a {@code cin.task.completed} naming the kind closes). */
    static Optional<Obligation> oldestOpen(Collection<Obligation> open, ObligationKind kind) {
        return open.stream().filter(o -> o.isOpen() && o.kind() == kind).min(OLDEST_FIRST);
    }
}
