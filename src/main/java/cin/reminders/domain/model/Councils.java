package cin.reminders.domain.model;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The councils someone may act for: every council (a regional team, operations: {@code "*"}), some, or none (a
 * token with no {@code authority} claim acts for no council, CONTRACT-2 §6). Reads are filtered to them; writes for
 * any other council are refused.
 */
public final class Councils {

    /** Every council: the {@code "*"} claim, and the service's own background work. */
    public static final Councils ALL = new Councils(null);
    /** No council at all. */
    public static final Councils NONE = new Councils(Set.of());

    /** The claim value that spans every council. */
    public static final String EVERY = "*";

    private final Set<String> ids; // null: all

    private Councils(Set<String> ids) {
        this.ids = ids;
    }

    public static Councils of(Collection<String> ids) {
        if (ids.contains(EVERY)) {
            return ALL;
        }
        return ids.isEmpty() ? NONE : new Councils(java.util.Collections.unmodifiableSet(new TreeSet<>(ids)));
    }

    public static Councils of(String... ids) {
        return of(java.util.List.of(ids));
    }

    public boolean all() {
        return ids == null;
    }

    public boolean none() {
        return ids != null && ids.isEmpty();
    }

    public boolean contains(String authority) {
        return ids == null || ids.contains(authority);
    }

    /** The councils named (empty for {@link #ALL}: ask {@link #all()} first). */
    public Set<String> ids() {
        return ids == null ? Set.of() : ids;
    }

    /** The narrower of the two: what both allow. */
    public Councils and(Councils other) {
        if (ids == null) {
            return other;
        }
        if (other.ids == null) {
            return this;
        }
        Set<String> both = new TreeSet<>(ids);
        both.retainAll(other.ids);
        return of(both);
    }

    /** As a SQL array parameter: null for every council (the statements read {@code $n::text[] is null or ...}). */
    public String[] sqlArray() {
        return ids == null ? null : ids.toArray(String[]::new);
    }

    /** As PostgreSQL's setting for row-level security: {@code *}, or the ids joined by commas ({@code ""}: none). */
    public String setting() {
        return ids == null ? EVERY : String.join(",", ids);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Councils c && java.util.Objects.equals(ids, c.ids);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(ids);
    }

    @Override
    public String toString() {
        return ids == null ? EVERY : ids.toString();
    }
}
