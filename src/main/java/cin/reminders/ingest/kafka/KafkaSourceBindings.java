package cin.reminders.ingest.kafka;

import cin.reminders.domain.event.SourceBindings;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.platform.config.RemindersConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The Kafka source bindings ({@code reminders.sources.*}), built and checked at start-up: a binding to a
 * council with no policy, or a mis-quoted source, stops the service with a message naming the source.
 */
@ApplicationScoped
public class KafkaSourceBindings {

    private static final Logger LOG = Logger.getLogger(KafkaSourceBindings.class);

    @Produces
    @Singleton
    SourceBindings sourceBindings(RemindersConfig config, PolicyRegistry registry) {
        SourceBindings bindings = SourceBindings.of(config.sources(), registry::knows);
        if (bindings.configured()) {
            LOG.infof("Kafka sources are bound to councils (reminders.sources): %s; any other source or council is dead-lettered",
                    bindings.asMap());
        } else {
            LOG.info("No Kafka source bindings (reminders.sources): any source may speak for any council");
        }
        return bindings;
    }

    /** Builds the bindings at start-up, so a bad one stops the service before it takes any event. */
    void validateAtStartup(@Observes StartupEvent event, SourceBindings bindings) {
        LOG.debugf("Source bindings checked: %s", bindings.configured() ? "configured" : "none");
    }
}
