package cin.reminders.domain.report;

import cin.reminders.domain.model.ObligationStatus;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How late an obligation was (CONTRACT-2 §8, {@code daysLate}), in calendar days, as the timeliness report gives it to
 * Ofsted and a council's performance board: a fulfilled one, the days from its due date to its fulfilment (0 when on
 * time); an open one past its due date, the days to today so far; one due in the future, or cancelled, none (empty).
 */
public final class Timeliness {

    private Timeliness() {
    }

    /** Null when lateness does not apply (cancelled, or open and not yet due). */
    public static Long daysLate(ObligationStatus status, LocalDate dueDate, LocalDate completedOn, LocalDate today) {
        if (dueDate == null) {
            return null;
        }
        return switch (status) {
            case COMPLETED -> completedOn == null ? null : Math.max(0, ChronoUnit.DAYS.between(dueDate, completedOn));
            case OPEN, OVERDUE -> today.isAfter(dueDate) ? ChronoUnit.DAYS.between(dueDate, today) : null;
            case CANCELLED -> null;
        };
    }
}
