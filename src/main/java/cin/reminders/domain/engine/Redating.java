package cin.reminders.domain.engine;

import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.policy.DueRule;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.Rule;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An open obligation's dates computed again in the calendar in force (CONTRACT-2 §9: a due date never silently
 * differs from what the calendar in force gives). The rules are those of the policy version that opened it, the
 * dates they count from are those it was opened with ({@link DueBasis}); only the calendar is new, so the result is
 * what the engine would give had the calendar always been this one. Computing again in the same calendar changes
 * nothing.
 * <p>
 * An obligation stored before its basis was kept (or whose version is no longer loaded) cannot be computed again:
 * its due date is only moved off a day the office is now shut, as the engine moves any deadline (to the working day
 * before, never before the event that opened it).
 */
public final class Redating {

    private Redating() {
    }

    /** The dates an obligation takes in the calendar in force, and the basis it is then computed in. */
    public record Redated(LocalDate dueDate, LocalDate goodPracticeOn, LocalDate agreedDate, boolean breach,
                          DueBasis basis) {

        /** Whether its due date moves. */
        public boolean moves(Obligation o) {
            return !Objects.equals(o.dueDate(), dueDate);
        }

        /** Whether anything of it changes (a due date, a reminder date, a breach, or only the calendar recorded). */
        public boolean changes(Obligation o) {
            return moves(o) || !Objects.equals(o.goodPracticeOn(), goodPracticeOn)
                    || !Objects.equals(o.agreedDate(), agreedDate) || o.breach() != breach
                    || !Objects.equals(o.dueBasis(), basis);
        }
    }

    /**
     * @param version the policy version that opened {@code o} (empty when no longer loaded)
     * @param calendar the council's calendar in force
     */
    public static Redated in(Obligation o, Optional<Policy> version, WorkingCalendar calendar) {
        DueBasis b = o.dueBasis();
        Optional<Rule> own = b == null ? Optional.empty() : version.flatMap(p -> p.rule(b.ruleKey()));
        Optional<Rule> dueRule = b == null || b.dueRuleKey() == null ? Optional.empty()
                : version.flatMap(p -> p.rule(b.dueRuleKey()));
        if (o.dueDate() == null || own.isEmpty() || dueRule.isEmpty() || !computable(dueRule.get().due(), b)) {
            return offClosedDays(o, calendar);
        }
        DueDates.Due due = DueDates.of(dueRule.get().due(), calendar, b.from(), b.agreed(), o.triggeredOn());
        Rule rule = own.get();
        LocalDate goodPractice = rule.goodPractice() == null ? o.goodPracticeOn()
                : rule.goodPractice().after(rule.due().anchor() == null || b.from() == null ? o.triggeredOn() : b.from(), calendar);
        // A rule due with its leader takes the leader's date but was never itself a breach.
        boolean follower = rule.due().sameAsLeader();
        return new Redated(due.date(), goodPractice, follower ? o.agreedDate() : due.cappedAgreement(),
                follower ? o.breach() : due.breach(), b.in(calendar.fingerprint(), calendar.beyondCoverage(due.date())));
    }

    private static boolean computable(DueRule d, DueBasis b) {
        if (d.agreedOnly()) {
            return b.agreed() != null;
        }
        return d.interval() != null && b.from() != null;
    }

    private static Redated offClosedDays(Obligation o, WorkingCalendar calendar) {
        LocalDate due = o.dueDate();
        if (due != null && !calendar.isWorkingDay(due)) {
            LocalDate back = calendar.onOrBefore(due);
            due = back.isBefore(o.triggeredOn()) ? calendar.onOrAfter(due) : back;
        }
        DueBasis b = o.dueBasis();
        boolean beyond = calendar.beyondCoverage(due);
        DueBasis basis = b == null ? new DueBasis(null, null, null, null, calendar.fingerprint(), beyond)
                : b.in(calendar.fingerprint(), beyond);
        return new Redated(due, o.goodPracticeOn(), o.agreedDate(), o.breach(), basis);
    }
}
