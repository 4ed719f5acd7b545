package cin.reminders.domain.model;

/** Why an obligation stopped being open. Kept for the audit record and compliance figures. */
public enum CloseReason {
    /** The event (or dispatch) that the contract names as its fulfilment arrived. */
    FULFILLED,
    /** A new trigger for the same kind replaced it. */
    SUPERSEDED,
    /** The case closed. */
    CASE_CLOSED,
    /** The plan type made it void, or the obligation it follows was cancelled. */
    VOID
}
