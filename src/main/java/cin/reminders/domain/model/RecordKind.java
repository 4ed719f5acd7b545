package cin.reminders.domain.model;

public enum RecordKind {
    PLANNING_MEETING, CARE_TEAM_MEETING, REVIEW
}
