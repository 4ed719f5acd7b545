package cin.reminders.domain.policy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The loaded policies, by authority id: every version of each council's policy (CONTRACT-2 §9).
 * <p>
 * {@link #on(String, LocalDate)} gives the version in force on a day: the one with the latest {@code effectiveFrom}
 * on or before it (a version with none is in force from the beginning). An event is judged by the version in force
 * on its {@code data.date}; the earliest version also judges events dated before its own {@code effectiveFrom}, so
 * no event of a known council is left without a policy. Work that has no event (reminders, dispatch, calendars,
 * dashboards) reads {@link #get(String)}: the version in force today.
 */
public final class PolicyRegistry {

    private static final Comparator<Policy> BY_START = Comparator.comparing(Policy::effectiveFrom,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Each council's versions, earliest first. */
    private final Map<String, List<Policy>> byAuthority;
    private final Supplier<LocalDate> today;

    /** Versions in force today by the system clock, in Europe/London. */
    public PolicyRegistry(Collection<Policy> policies) {
        this(policies, () -> LocalDate.now(ZoneId.of("Europe/London")));
    }

    /**
     * @param today the day "the version in force today" is judged on
     * @throws PolicyException when two files of one council carry the same version or the same {@code effectiveFrom},
     *         or give different calendars
     */
    public PolicyRegistry(Collection<Policy> policies, Supplier<LocalDate> today) {
        Map<String, List<Policy>> map = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Policy p : policies) {
            List<Policy> versions = map.computeIfAbsent(p.authority(), a -> new ArrayList<>());
            for (Policy other : versions) {
                if (other.version().equals(p.version())) {
                    problems.add(describe(p) + " and " + describe(other) + " both declare version '" + p.version()
                            + "' of authority '" + p.authority() + "'");
                } else if (Objects.equals(other.effectiveFrom(), p.effectiveFrom())) {
                    problems.add(describe(p) + " and " + describe(other) + " (versions '" + p.version() + "' and '"
                            + other.version() + "' of authority '" + p.authority() + "') are both in force from "
                            + (p.effectiveFrom() == null ? "the beginning (no effectiveFrom)" : p.effectiveFrom()));
                } else if (!other.calendar().fingerprint().equals(p.calendar().fingerprint())) {
                    // Office closures are the council's, not a version's: open obligations of every version are
                    // re-dated in one calendar, and events judged by an older version count in it too.
                    problems.add(describe(p) + " and " + describe(other) + " (versions '" + p.version() + "' and '"
                            + other.version() + "' of authority '" + p.authority() + "') give different calendars: a "
                            + "council has one calendar, so give every version the same calendar section");
                }
            }
            versions.add(p);
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        map.replaceAll((a, versions) -> versions.stream().sorted(BY_START).toList());
        this.byAuthority = Map.copyOf(map);
        this.today = today;
    }

    private static String describe(Policy p) {
        return p.file() == null ? "a policy file" : p.file();
    }

    /** The version in force on {@code day}; the earliest version for a day before every version's start. */
    public Optional<Policy> findOn(String authority, LocalDate day) {
        List<Policy> versions = byAuthority.get(authority);
        if (versions == null) {
            return Optional.empty();
        }
        Policy inForce = versions.get(0);
        for (Policy p : versions) {
            if (day != null && p.startedBy(day)) {
                inForce = p;
            }
        }
        return Optional.of(inForce);
    }

    /** The version in force on {@code day} (an event's {@code data.date}). */
    public Policy on(String authority, LocalDate day) {
        return findOn(authority, day).orElseThrow(() -> unknown(authority));
    }

    /** The version in force today (a council with one version needs no clock: the dispatcher asks per notice). */
    public Optional<Policy> find(String authority) {
        List<Policy> versions = byAuthority.get(authority);
        if (versions != null && versions.size() == 1) {
            return Optional.of(versions.get(0));
        }
        return findOn(authority, today.get());
    }

    /** The version in force today. */
    public Policy get(String authority) {
        return find(authority).orElseThrow(() -> unknown(authority));
    }

    /** Every loaded version of a council's policy, earliest first (empty for an unknown council). */
    public List<Policy> versions(String authority) {
        return byAuthority.getOrDefault(authority, List.of());
    }

    public boolean knows(String authority) {
        return byAuthority.containsKey(authority);
    }

    /** One policy per council: the version in force today. */
    public Collection<Policy> all() {
        return byAuthority.keySet().stream().map(this::get).toList();
    }

    private static PolicyException unknown(String authority) {
        return new PolicyException("no policy for authority '" + authority + "'");
    }
}
