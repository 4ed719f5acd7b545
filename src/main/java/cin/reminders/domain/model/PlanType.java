package cin.reminders.domain.model;

public enum PlanType {
    CHILD_IN_NEED, CHILD_PROTECTION, LOOKED_AFTER, PATHWAY, EARLY_HELP
}
