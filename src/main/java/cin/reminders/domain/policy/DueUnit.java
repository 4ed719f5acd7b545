package cin.reminders.domain.policy;

public enum DueUnit {
    WORKING_DAYS, DAYS, WEEKS, MONTHS
}
