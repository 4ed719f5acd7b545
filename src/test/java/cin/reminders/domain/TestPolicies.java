package cin.reminders.domain;

import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyLoader;
import cin.reminders.domain.policy.PolicyRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** The bundled policy files, loaded the plain-Java way for core tests. */
public final class TestPolicies {

    public static final List<String> AUTHORITIES = List.of("derbyshire", "hillingdon", "durham", "walsall", "portsmouth");
    private static final PolicyRegistry REGISTRY = new PolicyRegistry(AUTHORITIES.stream().map(TestPolicies::load).toList());

    private TestPolicies() {
    }

    public static PolicyRegistry registry() {
        return REGISTRY;
    }

    public static Policy get(String authority) {
        return REGISTRY.get(authority);
    }

    private static Policy load(String authority) {
        String file = "policies/" + authority + ".yaml";
        try (InputStream in = TestPolicies.class.getClassLoader().getResourceAsStream(file)) {
            return new PolicyLoader().load(file, in, Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
