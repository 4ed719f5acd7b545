package cin.reminders.domain.engine;

import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.policy.DueRule;
import java.time.LocalDate;

/**
 * The due date of a rule that counts an interval or takes a date agreed at a meeting (POLICIES.md, "How due dates
 * are computed"): the one computation, shared by the engine when an obligation opens and by re-dating when the
 * calendar changes, so that a re-dated obligation is due exactly when a fresh computation would make it.
 */
public final class DueDates {

    private DueDates() {
    }

    /** A due date, and the agreed date that was capped when the agreement broke the statutory maximum. */
    public record Due(LocalDate date, LocalDate cappedAgreement, boolean breach) {
    }

    /**
     * @param rule an interval rule or an {@code agreedOnly} one
     * @param from what an interval counts from (unused for {@code agreedOnly})
     * @param agreed the date agreed at the meeting, or null
     * @param eventDate the day of the event that opened the obligation: an agreed date never moves before it
     */
    public static Due of(DueRule rule, WorkingCalendar calendar, LocalDate from, LocalDate agreed, LocalDate eventDate) {
        if (rule.agreedOnly()) {
            return new Due(agreedDeadline(calendar, agreed, eventDate), null, false);
        }
        LocalDate rawMax = rule.interval().rawAfter(from, calendar);
        LocalDate max = rule.interval().after(from, calendar);
        if (agreed == null) {
            return new Due(max, null, false);
        }
        if (agreed.isAfter(rawMax)) {
            // The statutory maximum stands; the agreement is recorded as a breach.
            return new Due(max, agreed, true);
        }
        return new Due(agreedDeadline(calendar, agreed, eventDate), null, false);
    }

    /** An agreed date on a closed day moves back too, but never before the meeting that agreed it. */
    static LocalDate agreedDeadline(WorkingCalendar calendar, LocalDate agreed, LocalDate eventDate) {
        LocalDate back = calendar.onOrBefore(agreed);
        return back.isBefore(eventDate) ? calendar.onOrAfter(agreed) : back;
    }
}
