package cin.reminders.domain.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * Which case: a council's own case id, within that council. Case-management systems number their cases
 * independently, so the same case id under two councils names two cases that never meet (CONTRACT-2 §6).
 *
 * @param authority the council's policy id (e.g. {@code durham})
 * @param caseId the case id the council's case-management system gave it
 */
public record CaseRef(String authority, String caseId) implements Comparable<CaseRef> {

    private static final Comparator<CaseRef> ORDER =
            Comparator.comparing(CaseRef::authority).thenComparing(CaseRef::caseId);

    public CaseRef {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(caseId, "caseId");
    }

    /** Council, then case id: the one order in which a batch's case locks are taken. */
    @Override
    public int compareTo(CaseRef other) {
        return ORDER.compare(this, other);
    }

    /** For diagnostics only: case ids are not personal data, but logs name no case anyway. */
    @Override
    public String toString() {
        return authority + "/" + caseId;
    }
}
