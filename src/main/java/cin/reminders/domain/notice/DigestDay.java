package cin.reminders.domain.notice;

import cin.reminders.domain.calendar.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a council on {@code reminders.delivery: digest} sends its professionals' digests, and which digest a rung
 * firing now joins (CONTRACT-2 §7).
 * <ul>
 * <li>A digest goes at the council's reminder hour (08:30) plus a gathering time, so that the rungs of that hour have
 * fired and joined it first.</li>
 * <li>A rung firing before that, on a working day, joins that day's digest; one firing in the evening, the night
 * or on a day the office is shut joins the next working day's.</li>
 * <li>A rung firing in working hours after the digest has gone is sent on its own: it is not held to the next
 * day.</li>
 * </ul>
 */
public final class DigestDay {

    private static final LocalTime END_OF_WORKING_DAY = LocalTime.of(17, 30);

    private final WorkingCalendar calendar;
    private final LocalTime at;
    private final Duration gather;

    /**
     * @param at the council's reminder hour
     * @param gather how long after the hour the digests go
     */
    public DigestDay(WorkingCalendar calendar, LocalTime at, Duration gather) {
        this.calendar = calendar;
        this.at = at;
        this.gather = gather;
    }

    /** The day whose digest a rung firing at {@code now} joins; empty when it is to be sent on its own. */
    public Optional<LocalDate> forRungFiringAt(Instant now) {
        ZonedDateTime local = now.atZone(QuietHours.LONDON);
        LocalDate today = local.toLocalDate();
        if (!calendar.isWorkingDay(today)) {
            return Optional.of(calendar.nextWorkingDay(today));
        }
        if (now.isBefore(sendAt(today))) {
            return Optional.of(today);
        }
        if (local.toLocalTime().isBefore(END_OF_WORKING_DAY)) {
            return Optional.empty();
        }
        return Optional.of(calendar.nextWorkingDay(today));
    }

    /** When the digests of {@code day} go. */
    public Instant sendAt(LocalDate day) {
        return day.atTime(at).atZone(QuietHours.LONDON).toInstant().plus(gather);
    }

    /** The working day whose digests are planned at {@code now}: today once the hour has come, if today is one. */
    public Optional<LocalDate> plannedAt(Instant now) {
        ZonedDateTime local = now.atZone(QuietHours.LONDON);
        LocalDate today = local.toLocalDate();
        return calendar.isWorkingDay(today) && !local.toLocalTime().isBefore(at) ? Optional.of(today) : Optional.empty();
    }
}
