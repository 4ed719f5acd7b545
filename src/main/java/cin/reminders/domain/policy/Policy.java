package cin.reminders.domain.policy;

import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.ObligationKind;
import java.time.LocalDate;
import java.util.List;

/**
 * A council's policy: its calendar, its rules and its notice settings ({@code schoolHours} may be
 * null; {@code letters} is off unless the file turns it on), loaded from one file under {@code policies/}.
 * <p>
 * One council may have several versions loaded at once (CONTRACT-2 §9): {@code version} names this one ("1" when
 * the file names none) and {@code effectiveFrom} is the first day it judges events (null: from the beginning).
 * {@code file} is the file it was read from, for messages.
 */
public record Policy(
        String authority,
        String name,
        String source,
        WorkingCalendar calendar,
        int childCopyMinAge,
        ReminderPolicy reminders,
        List<Rule> rules,
        List<Distribution> distributions,
        SchoolHours schoolHours,
        Letters letters,
        String version,
        LocalDate effectiveFrom,
        String file) {

    /** The version of a file that names none. */
    public static final String DEFAULT_VERSION = "1";

    /** Whether this version is in force on {@code day} (ignoring later versions): from its {@code effectiveFrom}. */
    public boolean startedBy(LocalDate day) {
        return effectiveFrom == null || !day.isBefore(effectiveFrom);
    }

    public List<Rule> rulesOn(EventType type) {
        return rules.stream().filter(r -> r.on() == type).toList();
    }

    /** The rule with this {@link Rule#key() key}. */
    public java.util.Optional<Rule> rule(String key) {
        return rules.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    public List<Rule> rulesFollowing(ObligationKind kind) {
        return rules.stream().filter(r -> r.follows() == kind).toList();
    }
}
