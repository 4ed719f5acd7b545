package cin.reminders.domain.model;

import java.time.LocalDate;

/**
 * Stored status of an obligation. {@link #OVERDUE} is never stored: it is how an OPEN obligation
 * reads once its due date has passed (POLICIES.md: "OPEN past its due date reads OVERDUE").
 */
public enum ObligationStatus {
    OPEN, OVERDUE, COMPLETED, CANCELLED;

    /** The status a reader sees on {@code today}. */
    public ObligationStatus asSeenOn(LocalDate dueDate, LocalDate today) {
        if (this == OPEN && dueDate != null && today.isAfter(dueDate)) {
            return OVERDUE;
        }
        return this;
    }
}
