package cin.reminders.domain.engine;

import java.time.LocalDate;

/**
 * What an obligation's due date was computed from, so that it can be computed again when the calendar changes
 * (CONTRACT-2 §9): the rules, the dates they counted from, and the calendar they counted in.
 *
 * @param ruleKey the {@link cin.reminders.domain.policy.Rule#key() key} of the rule that opened it
 * @param dueRuleKey the key of the rule whose {@code due} gave the date: the rule itself, or for a rule due
 *        {@code sameAsLeader} the leader's (its own leader's, down a chain)
 * @param from the date the interval counted from (the event's date, the plan start or the last visit); null for a
 *        date agreed at a meeting alone
 * @param agreed the date agreed at the meeting, as the event gave it (earlier, later or absent)
 * @param calendar the {@link cin.reminders.domain.calendar.WorkingCalendar#fingerprint() fingerprint} of the
 *        calendar the date was computed in
 * @param beyondCalendar the due date lies beyond the last year the council's bank-holiday file covers: a bank
 *        holiday announced later may still move it
 */
public record DueBasis(String ruleKey, String dueRuleKey, LocalDate from, LocalDate agreed, String calendar,
                       boolean beyondCalendar) {

    /** The same inputs, computed again in another calendar. */
    public DueBasis in(String calendar, boolean beyondCalendar) {
        return new DueBasis(ruleKey, dueRuleKey, from, agreed, calendar, beyondCalendar);
    }
}
