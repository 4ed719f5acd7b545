package cin.reminders.notice.render;

import java.util.List;

/**
 * What a daily digest lists (CONTRACT-2 §7), worded in the recipient's language: each line with the case reference,
 * what is due, the due date and the policy row. Case references and rule ids only: no child's name, no address.
 *
 * @param day the working day it is for, worded (e.g. "Monday 2 March 2026")
 * @param due the rungs that fall today, in due-date order
 * @param overdue the professional's own overdue work not already listed in {@code due}, oldest first
 * @param team a team manager's team's overdue work not already listed above, oldest first
 * @param more how many overdue items were left out to keep the message readable (the work tray has them all)
 */
@io.quarkus.qute.TemplateData
public record DigestLines(String day, List<Line> due, List<Line> overdue, List<Line> team, int more) {

    /**
     * @param daysOverdue calendar days past the due date; 0 when not yet due
     */
    @io.quarkus.qute.TemplateData
    public record Line(String caseId, String what, String dueDate, String rule, long daysOverdue) {
    }

    public int count() {
        return due.size() + overdue.size() + team.size() + more;
    }

    /** The day's rungs. */
    public int dueCount() {
        return due.size();
    }

    /** Overdue work, the professional's and their team's, listed or not. */
    public int overdueCount() {
        return overdue.size() + team.size() + more;
    }

    public boolean isEmpty() {
        return count() == 0;
    }
}
