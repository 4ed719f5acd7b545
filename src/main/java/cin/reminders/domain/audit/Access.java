package cin.reminders.domain.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One read of a case's data by a person: who, with which role, which case of which council, through which
 * endpoint, and when. An entry of the append-only access log.
 *
 * @param authority the council the case belongs to (its policy id, e.g. {@code durham})
 * @param caseId the case read
 * @param subject who read it: the token's participant id ({@code anonymous} with authentication off)
 * @param role the role the read was allowed by: {@code caseworker} or {@code manager} ({@code none} with
 *             authentication off)
 * @param endpoint the route template read, e.g. {@code GET /api/cases/{caseId}/notices} (never the URL with its query)
 * @param at when
 */
public record Access(String authority, String caseId, String subject, String role, String endpoint, Instant at) {

    public Access {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(at, "at");
    }

    /** Names no case and no one: an entry that ends up in a log line by mistake says only what kind of read it was. */
    @Override
    public String toString() {
        return "Access[" + role + " " + endpoint + " at " + at + "]";
    }
}
