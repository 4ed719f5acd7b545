package cin.reminders.obligation.repository;

import cin.reminders.domain.model.Councils;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Role;
import java.time.LocalDate;

/**
 * Filters of {@code GET /api/obligations} and of the dashboard's lists; null (or false) means "any". {@code status} is
 * the status as a reader sees it: OVERDUE is an OPEN obligation whose due date is before today. {@code councils} is
 * never null: the councils the reader may see, whatever else the filter asks.
 * <p>
 * The dashboard's rows group by the case's team and by the obligation's owner and owner role, including "no team"
 * and "no owner yet", so a figure's list can ask for exactly those: {@code team} (the case's team), {@code noTeam}
 * (cases with none), {@code role} (the role the obligation asks for), {@code unassigned} (no owner on the case yet).
 */
public record ObligationFilter(ObligationStatus status, ObligationKind kind, String owner, String authority,
                               LocalDate dueBefore, String caseId, Councils councils, String team, boolean noTeam,
                               Role role, boolean unassigned) {

    /** The filters every reader had before the dashboard's lists (no team, role or unassigned). */
    public ObligationFilter(ObligationStatus status, ObligationKind kind, String owner, String authority,
                            LocalDate dueBefore, String caseId, Councils councils) {
        this(status, kind, owner, authority, dueBefore, caseId, councils, null, false, null, false);
    }
}
