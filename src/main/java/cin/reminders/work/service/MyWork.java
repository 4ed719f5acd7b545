package cin.reminders.work.service;

import cin.reminders.calendar.CalendarTokens;
import cin.reminders.domain.model.Councils;
import cin.reminders.obligation.rest.ObligationView;
import cin.reminders.obligation.service.ObligationQueries;
import cin.reminders.obligation.service.ObligationQueries.PageOf;
import cin.reminders.platform.ServiceClock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/**
 * A professional's work tray ({@code /my}, CONTRACT-2 §8): what they own that is overdue, then what falls due in the
 * next {@value #WEEKS} weeks; and the address of their calendar feed in each council they work for.
 */
@ApplicationScoped
public class MyWork {

    public static final int WEEKS = 4;

    private final ObligationQueries obligations;
    private final CalendarTokens tokens;
    private final ServiceClock clock;

    public MyWork(ObligationQueries obligations, CalendarTokens tokens, ServiceClock clock) {
        this.obligations = obligations;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The feed of one council's deadlines of theirs: a path with its signed token, as calendar-link gives it. */
    public record Feed(String authority, String path) {
    }

    public record Work(LocalDate today, LocalDate until, PageOf<ObligationView> page, List<Feed> feeds) {
    }

    public Uni<Work> of(String participantId, Councils councils, int page, int size) {
        LocalDate today = clock.today();
        LocalDate until = today.plusWeeks(WEEKS);
        return Uni.combine().all()
                .unis(obligations.workOf(participantId, councils, until, page, size),
                        obligations.councilsOf(participantId, councils))
                .with((found, feedsIn) -> new Work(today, until, found, feedsIn.stream()
                        .map(a -> new Feed(a, "/api/professionals/" + encode(participantId) + "/calendar.ics?authority="
                                + encode(a) + "&token=" + tokens.tokenFor(a, participantId)))
                        .toList()));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
