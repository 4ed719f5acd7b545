package cin.reminders.domain.model;

import java.util.Objects;

/**
 * Which professional: a participant id within its council. Case-management systems number their people
 * independently, as they do their cases (CONTRACT-2 §6).
 */
public record PersonRef(String authority, String participantId) {

    public PersonRef {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(participantId, "participantId");
    }

    /** For diagnostics only: names no one. */
    @Override
    public String toString() {
        return authority + "/" + participantId;
    }
}
