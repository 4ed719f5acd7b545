package cin.reminders.domain.policy;

import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.ObligationKind;
import java.util.List;

/**
 * A council's policy: its calendar, its rules and its notice settings ({@code schoolHours} may be
 * null; {@code letters} is off unless the file turns it on), loaded from one file under {@code policies/}.
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
        Letters letters) {

    public List<Rule> rulesOn(EventType type) {
        return rules.stream().filter(r -> r.on() == type).toList();
    }

    public List<Rule> rulesFollowing(ObligationKind kind) {
        return rules.stream().filter(r -> r.follows() == kind).toList();
    }
}
