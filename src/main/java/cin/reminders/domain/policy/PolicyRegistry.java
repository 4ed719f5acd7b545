package cin.reminders.domain.policy;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The loaded policies, by authority id. */
public final class PolicyRegistry {

    private final Map<String, Policy> byAuthority;

    public PolicyRegistry(Collection<Policy> policies) {
        Map<String, Policy> map = new TreeMap<>();
        for (Policy p : policies) {
            if (map.put(p.authority(), p) != null) {
                throw new PolicyException("two policy files declare authority '" + p.authority() + "'");
            }
        }
        this.byAuthority = Map.copyOf(map);
    }

    public Optional<Policy> find(String authority) {
        return Optional.ofNullable(byAuthority.get(authority));
    }

    public Policy get(String authority) {
        return find(authority).orElseThrow(() -> new PolicyException("no policy for authority '" + authority + "'"));
    }

    public boolean knows(String authority) {
        return byAuthority.containsKey(authority);
    }

    public Collection<Policy> all() {
        return byAuthority.values();
    }
}
