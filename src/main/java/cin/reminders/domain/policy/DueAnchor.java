package cin.reminders.domain.policy;

/** The date a due-date interval counts from. */
public enum DueAnchor {
    /** {@code data.date} of the triggering event. */
    EVENT_DATE,
    /** The date of the case's first planning meeting. */
    PLAN_START,
    /** The most recent home visit (or the event date when there has been none). */
    LAST_VISIT
}
