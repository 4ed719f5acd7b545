package cin.reminders.domain.policy;

import java.time.LocalTime;

/**
 * Derbyshire D6: a meeting a school-age child attends should be outside school time. The hours and
 * ages are the council's configuration.
 */
public record SchoolHours(LocalTime from, LocalTime to, int fromAge, int toAge) {

    public boolean covers(LocalTime start) {
        return !start.isBefore(from) && start.isBefore(to);
    }

    public boolean isSchoolAge(int age) {
        return age >= fromAge && age <= toAge;
    }
}
