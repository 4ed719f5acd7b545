package cin.reminders.domain.policy;

import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.ObligationKind;
import java.util.List;

/**
 * One row of a council's policy. A rule is triggered either by a case event ({@code on}) or by
 * an obligation of another kind opening ({@code follows}); when its condition holds it opens an
 * obligation, brings one forward, or cancels open ones.
 *
 * @param key unique within the policy (the row id is not: POLICIES.md gives one id to several rows); it seeds
 *            the ids of the obligations the rule opens, so it numbers rules as if each event type of a row's
 *            {@code on:} list were a row of its own (folding rows into one {@code on:} list changes no id)
 * @param row the row of the file this rule comes from (1 = the first); a row whose {@code on:} lists several
 *            event types gives one rule per type, all with its row
 * @param goodPractice an extra, earlier reminder ("good practice" visit at 4 weeks), or null
 */
public record Rule(
        String key,
        int row,
        String id,
        String description,
        EventType on,
        ObligationKind follows,
        Condition when,
        ObligationKind open,
        DueRule due,
        boolean bringForward,
        List<ObligationKind> cancel,
        Interval goodPractice) {

    public boolean opens() {
        return open != null;
    }
}
