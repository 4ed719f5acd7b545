package cin.reminders.domain.notice;

/**
 * A notice's status. {@link #SENDING} is internal (claimed by a dispatcher, provider call in flight)
 * and reads as SCHEDULED outside.
 */
public enum NoticeStatus {
    SCHEDULED, SENDING, SENT, DELIVERED, FAILED, SUPPRESSED;

    /** As CONTRACT.md §2 shows it. */
    public NoticeStatus external() {
        return this == SENDING ? SCHEDULED : this;
    }

    /** Done: no dispatcher will touch it again (a delivery receipt may still move SENT to DELIVERED or FAILED). */
    public boolean isFinal() {
        return this != SCHEDULED && this != SENDING;
    }
}
