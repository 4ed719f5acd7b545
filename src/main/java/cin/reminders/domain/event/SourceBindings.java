package cin.reminders.domain.event;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which councils each CloudEvents {@code source} may speak for (CONTRACT-2.md §6, Kafka:
 * {@code reminders.sources.<source>=<authority>[,<authority>...]}). With no binding at all, any source
 * may speak for any council, as before bindings existed; once one binding is configured, a source
 * speaks only for the councils it is bound to, and an unbound source for none.
 *
 * <p>Sources are compared exactly as they appear in the event (a URI-reference: case and every
 * character count); authorities are policy ids.
 */
public final class SourceBindings {

    /** The DLQ reason of an event its source may not send (the contract's words). */
    public static final String REASON = "source not allowed for authority";

    private static final SourceBindings NONE = new SourceBindings(Map.of());

    private final Map<String, Set<String>> bySource;

    private SourceBindings(Map<String, Set<String>> bySource) {
        this.bySource = bySource;
    }

    /** No binding: every source may speak for every council. */
    public static SourceBindings none() {
        return NONE;
    }

    /**
     * Builds the bindings from configuration: each source with the councils it is bound to. Blanks around
     * an authority are ignored.
     *
     * @param knownAuthority whether a policy exists for an authority id
     * @throws IllegalArgumentException naming the source, when a source is blank or looks mis-quoted, when
     *     it is bound to no council, or to a council with no policy (a typo would otherwise dead-letter
     *     that council's every event)
     */
    public static SourceBindings of(Map<String, ? extends Collection<String>> config, Predicate<String> knownAuthority) {
        if (config == null || config.isEmpty()) {
            return NONE;
        }
        Map<String, Set<String>> bySource = new TreeMap<>();
        for (Map.Entry<String, ? extends Collection<String>> binding : config.entrySet()) {
            String source = binding.getKey();
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("reminders.sources: a binding has no source");
            }
            if (source.indexOf('"') >= 0) {
                // A double quote cannot appear in a URI: the key was quoted wrongly. In a .properties file the
                // first unescaped ':' ends the key, so "urn:cms:x" must be written "urn\:cms\:x".
                throw new IllegalArgumentException("reminders.sources: source '" + source + "' contains a double quote;"
                        + " quote the whole source, and in a .properties file escape each ':' in it as '\\:'");
            }
            Set<String> authorities = new TreeSet<>();
            for (String authority : binding.getValue() == null ? Set.<String>of() : binding.getValue()) {
                String id = authority == null ? "" : authority.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (!knownAuthority.test(id)) {
                    throw new IllegalArgumentException("reminders.sources: source '" + source
                            + "' is bound to '" + id + "', which has no policy");
                }
                authorities.add(id);
            }
            if (authorities.isEmpty()) {
                throw new IllegalArgumentException("reminders.sources: source '" + source + "' is bound to no council");
            }
            bySource.put(source, Collections.unmodifiableSet(authorities));
        }
        return new SourceBindings(Collections.unmodifiableMap(bySource));
    }

    /** Whether any binding is configured (and so whether sources are checked at all). */
    public boolean configured() {
        return !bySource.isEmpty();
    }

    /** May this source speak for this council? Always, when no binding is configured. */
    public boolean allows(String source, String authority) {
        if (bySource.isEmpty()) {
            return true;
        }
        if (source == null || authority == null) {
            return false;
        }
        Set<String> authorities = bySource.get(source);
        return authorities != null && authorities.contains(authority);
    }

    /** The bound sources and their councils, for the start-up log (sources and policy ids: nothing personal). */
    public Map<String, Set<String>> asMap() {
        return bySource;
    }

    @Override
    public String toString() {
        return bySource.isEmpty() ? "SourceBindings[none: any source for any council]" : "SourceBindings" + bySource;
    }
}
