package cin.reminders.domain.notice;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * No SMS reaches a family between 20:00 and 08:00, Europe/London: a text due in that window waits
 * for 08:00. Local times are resolved in the zone, so the DST changes in March and October hold.
 */
public final class QuietHours {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final LocalTime start;
    private final LocalTime end;

    public QuietHours(LocalTime start, LocalTime end) {
        this.start = start;
        this.end = end;
    }

    public static QuietHours standard() {
        return new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0));
    }

    public boolean isQuiet(Instant at) {
        LocalTime t = at.atZone(LONDON).toLocalTime();
        return !t.isBefore(start) || t.isBefore(end);
    }

    /** {@code at}, or the end of the quiet hours it falls in. */
    public Instant nextAllowed(Instant at) {
        if (!isQuiet(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(LONDON);
        ZonedDateTime morning = local.toLocalTime().isBefore(end)
                ? local.toLocalDate().atTime(end).atZone(LONDON)
                : local.toLocalDate().plusDays(1).atTime(end).atZone(LONDON);
        return morning.toInstant();
    }
}
