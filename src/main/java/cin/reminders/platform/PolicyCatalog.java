package cin.reminders.platform;

import cin.reminders.domain.engine.CaseBatch;
import cin.reminders.domain.engine.PolicyEngine;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyException;
import cin.reminders.domain.policy.NearbyFiles;
import cin.reminders.domain.policy.PolicyLoader;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.platform.config.RemindersConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Loads the council policies at start-up: every {@code policies/*.yaml} bundled with the service,
 * then any in {@code reminders.policies.dir} (which may add councils, add versions of a council's policy, or replace
 * a bundled file of the same council and version). A broken file stops start-up with a message naming the file and
 * the rule; so do two files of one council with the same version, or in force from the same day, both named.
 */
@ApplicationScoped
public class PolicyCatalog {

    private static final Logger LOG = Logger.getLogger(PolicyCatalog.class);

    @Produces
    @Singleton
    PolicyRegistry registry(RemindersConfig reminders, ServiceClock clock) {
        RemindersConfig.Policies config = reminders.policies();
        RemindersConfig.Closures closureConfig = reminders.closures();
        Map<String, Policy> byVersion = new LinkedHashMap<>(); // authority + version: a later file replaces an earlier
        Map<String, Policy> fromDir = new LinkedHashMap<>();
        PolicyLoader bundled = new PolicyLoader(NearbyFiles.classpath(Thread.currentThread().getContextClassLoader()));
        PolicyLoader loader = new PolicyLoader();
        Function<String, Set<LocalDate>> closures = authority -> Set.copyOf(closureConfig.byAuthority().getOrDefault(authority, List.of()));
        for (String resource : bundledFiles(config.classpathDir())) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                Policy p = bundled.load(resource, in, closures);
                Policy before = byVersion.put(key(p), p);
                if (before != null) {
                    throw duplicate(p, before);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        config.dir().ifPresent(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        Policy p = loader.load(file.toString(), in, closures);
                        Policy before = fromDir.put(key(p), p);
                        if (before != null) {
                            throw duplicate(p, before);
                        }
                        byVersion.put(key(p), p); // a mounted file replaces the bundled one of the same version
                    }
                }
            } catch (IOException e) {
                throw new PolicyException("cannot read policy directory " + dir + ": " + e.getMessage(), e);
            }
        });
        if (byVersion.isEmpty()) {
            throw new PolicyException("no policy files found under classpath:" + config.classpathDir()
                    + config.dir().map(d -> " or " + d).orElse(""));
        }
        LOG.infof("Loaded policies %s", byVersion.keySet());
        return new PolicyRegistry(byVersion.values(), clock::today);
    }

    private static String key(Policy p) {
        return p.authority() + " version " + p.version();
    }

    private static PolicyException duplicate(Policy p, Policy other) {
        return new PolicyException(p.file() + " and " + other.file() + " both declare version '" + p.version()
                + "' of authority '" + p.authority() + "'");
    }

    /** Loads and checks every policy at start-up, so a broken file stops the service before it takes any event. */
    void validateAtStartup(@Observes StartupEvent event, PolicyRegistry registry) {
        registry.all().forEach(p -> registry.versions(p.authority()).forEach(v -> LOG.debugf("Policy %s version %s (from %s): %d rules",
                v.authority(), v.version(), v.effectiveFrom() == null ? "the beginning" : v.effectiveFrom(), v.rules().size())));
    }

    /** Lists {@code dir/*.yaml} on the class path, whether it is a directory or inside a jar. */
    static List<String> bundledFiles(String dir) {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = Thread.currentThread().getContextClassLoader().getResources(dir);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if ("file".equals(url.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                                .forEach(n -> names.add(dir + "/" + n));
                    }
                } else if ("jar".equals(url.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        jar.stream().map(e -> e.getName())
                                .filter(n -> n.startsWith(dir + "/") && n.endsWith(".yaml") && n.indexOf('/', dir.length() + 1) < 0)
                                .forEach(names::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(names);
    }

    @Produces
    @Singleton
    PolicyEngine engine() {
        return new PolicyEngine();
    }

    @Produces
    @Singleton
    CaseBatch caseBatch(PolicyRegistry registry, PolicyEngine engine) {
        return new CaseBatch(registry, engine);
    }

    @Produces
    @Singleton
    CloudEventReader reader(PolicyRegistry registry) {
        return new CloudEventReader(registry::knows);
    }
}
