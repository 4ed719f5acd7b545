package cin.reminders.obligation.repository;

import cin.reminders.domain.model.Councils;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import java.time.LocalDate;

/**
 * Filters of {@code GET /api/obligations}; null means "any". {@code status} is the status as a
 * reader sees it: OVERDUE is an OPEN obligation whose due date is before today. {@code councils} is never null:
 * the councils the reader may see, whatever else the filter asks.
 */
public record ObligationFilter(ObligationStatus status, ObligationKind kind, String owner, String authority,
                               LocalDate dueBefore, String caseId, Councils councils) {
}
