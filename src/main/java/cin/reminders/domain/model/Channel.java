package cin.reminders.domain.model;

public enum Channel {
    EMAIL, SMS
}
