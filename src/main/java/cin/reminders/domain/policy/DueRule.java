package cin.reminders.domain.policy;

/**
 * How a rule sets its obligation's due date. Exactly one shape applies:
 * <ul>
 *   <li>{@code interval} from {@code anchor}, the statutory maximum; a date agreed at the meeting
 *       ({@code agreedField}) replaces it when earlier, and is capped (a breach) when later;</li>
 *   <li>{@code agreedOnly}: the date agreed at the meeting is the due date (the seed sets no interval);</li>
 *   <li>{@code sameAsLeader}: the due date of the obligation this one follows;</li>
 *   <li>{@code noDeadline}: the seed gives no deadline.</li>
 * </ul>
 */
public record DueRule(
        Interval interval,
        DueAnchor anchor,
        String agreedField,
        boolean agreedOnly,
        boolean sameAsLeader,
        boolean noDeadline) {

    public static DueRule ofInterval(Interval interval, DueAnchor anchor, String agreedField) {
        return new DueRule(interval, anchor, agreedField, false, false, false);
    }

    public static DueRule ofAgreed(String agreedField) {
        return new DueRule(null, null, agreedField, true, false, false);
    }

    public static DueRule ofLeader() {
        return new DueRule(null, null, null, false, true, false);
    }

    public static DueRule ofNone() {
        return new DueRule(null, null, null, false, false, true);
    }
}
