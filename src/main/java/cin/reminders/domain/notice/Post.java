package cin.reminders.domain.notice;

import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.policy.Letters;
import cin.reminders.domain.policy.Policy;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Whether a notice may go by post (CONTRACT-2 §5): only when the council has letters on and the template has a letter
 * form; a meeting invitation only when the meeting is at least {@code letters.minWorkingDaysBeforeMeeting} working
 * days away, since post takes time.
 */
public enum Post {
    /** A letter may be sent, to someone with an address. */
    ALLOWED,
    /** Letters are off, or this notice has no letter form. */
    NOT_OFFERED,
    /** A meeting invitation a letter would not bring in time. */
    TOO_LATE;

    /**
     * Under the council's policy (its letters, its calendar).
     *
     * @param meetingStartsAt when the meeting an invitation is for begins, else null
     * @param today the council's day now
     */
    public static Post of(Policy policy, NoticeTemplate template, LocalDateTime meetingStartsAt, LocalDate today) {
        return of(policy.letters(), policy.calendar(), template, meetingStartsAt, today);
    }

    /** The same, for a stored notice: its meeting (if any) read from its data. */
    public static Post of(Policy policy, NoticeTemplate template, NoticeData data, LocalDate today) {
        LocalDateTime startsAt = data instanceof NoticeData.Meeting m ? m.startsAt() : null;
        return of(policy, template, startsAt, today);
    }

    static Post of(Letters letters, WorkingCalendar calendar, NoticeTemplate template, LocalDateTime meetingStartsAt,
                   LocalDate today) {
        Objects.requireNonNull(letters, "letters");
        if (!letters.enabled() || !template.hasLetterForm()) {
            return NOT_OFFERED;
        }
        if (template == NoticeTemplate.MEETING_INVITATION && meetingStartsAt != null
                && !arrivesInTime(calendar, letters.minWorkingDaysBeforeMeeting(), meetingStartsAt.toLocalDate(), today)) {
            return TOO_LATE;
        }
        return ALLOWED;
    }

    /** The meeting is at least {@code minDays} working days after today (0: any day from today on). */
    static boolean arrivesInTime(WorkingCalendar calendar, int minDays, LocalDate meetingDay, LocalDate today) {
        LocalDate earliest = minDays == 0 ? today : calendar.plusWorkingDays(today, minDays);
        return !meetingDay.isBefore(earliest);
    }
}
