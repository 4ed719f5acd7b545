package cin.reminders.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import cin.reminders.platform.config.RemindersConfig;

/**
 * The one clock every date and time decision reads (CONTRACT.md §4). With
 * {@code reminders.clock.start} it starts at that instant and runs forward in real time.
 */
@ApplicationScoped
public class ServiceClock {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private volatile Clock clock;

    public ServiceClock(RemindersConfig config) {
        Optional<Instant> start = config.clock().start();
        this.clock = start.map(ServiceClock::startingAt).orElse(Clock.systemUTC());
    }

    private static Clock startingAt(Instant start) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
    }

    public Instant now() {
        return clock.instant();
    }

    public ZonedDateTime londonNow() {
        return now().atZone(LONDON);
    }

    /** Today in Europe/London: the day "overdue" is judged against. */
    public LocalDate today() {
        return dayOf(now());
    }

    /** The day in Europe/London that {@code at} falls on. */
    public static LocalDate dayOf(Instant at) {
        return at.atZone(LONDON).toLocalDate();
    }

    /** Restarts the clock at {@code start}, running forward from there: for tests and demos. */
    public void restartAt(Instant start) {
        this.clock = startingAt(start);
    }
}
