package cin.reminders.domain.model;

public enum ReviewOutcome {
    CONTINUE, CLOSE, STEP_UP, REASSESS
}
