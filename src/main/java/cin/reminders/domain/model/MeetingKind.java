package cin.reminders.domain.model;

public enum MeetingKind {
    PLANNING, REVIEW, CARE_TEAM
}
