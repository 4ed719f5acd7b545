package cin.reminders.platform;

import cin.reminders.domain.engine.CaseBatch;
import cin.reminders.domain.engine.PolicyEngine;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyException;
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
 * then any in {@code reminders.policies.dir} (which may add councils or replace bundled ones).
 * A broken file stops start-up with a message naming the file and the rule.
 */
@ApplicationScoped
public class PolicyCatalog {

    private static final Logger LOG = Logger.getLogger(PolicyCatalog.class);

    @Produces
    @Singleton
    PolicyRegistry registry(RemindersConfig reminders) {
        RemindersConfig.Policies config = reminders.policies();
        RemindersConfig.Closures closureConfig = reminders.closures();
        Map<String, Policy> byAuthority = new LinkedHashMap<>();
        PolicyLoader loader = new PolicyLoader();
        Function<String, Set<LocalDate>> closures = authority -> Set.copyOf(closureConfig.byAuthority().getOrDefault(authority, List.of()));
        for (String resource : bundledFiles(config.classpathDir())) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                Policy p = loader.load(resource, in, closures);
                byAuthority.put(p.authority(), p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        config.dir().ifPresent(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        Policy p = loader.load(file.toString(), in, closures);
                        byAuthority.put(p.authority(), p); // a mounted file replaces the bundled one
                    }
                }
            } catch (IOException e) {
                throw new PolicyException("cannot read policy directory " + dir + ": " + e.getMessage(), e);
            }
        });
        if (byAuthority.isEmpty()) {
            throw new PolicyException("no policy files found under classpath:" + config.classpathDir()
                    + config.dir().map(d -> " or " + d).orElse(""));
        }
        LOG.infof("Loaded policies for %s", byAuthority.keySet());
        return new PolicyRegistry(byAuthority.values());
    }

    /** Loads and checks every policy at start-up, so a broken file stops the service before it takes any event. */
    void validateAtStartup(@Observes StartupEvent event, PolicyRegistry registry) {
        registry.all().forEach(p -> LOG.debugf("Policy %s: %d rules", p.authority(), p.rules().size()));
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
