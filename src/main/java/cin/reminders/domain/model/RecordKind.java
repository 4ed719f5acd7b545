package cin.reminders.domain.model;

/** The record a {@code cin.record.published} publishes: the written record of one kind of meeting. */
public enum RecordKind {
    PLANNING_MEETING, CARE_TEAM_MEETING, REVIEW;

    /** The duty whose copies this record's publication sends: the review's record, or another meeting's. */
    public ObligationKind duty() {
        return this == REVIEW ? ObligationKind.REVIEW_RECORD_DISTRIBUTION : ObligationKind.MEETING_RECORD_DISTRIBUTION;
    }
}
