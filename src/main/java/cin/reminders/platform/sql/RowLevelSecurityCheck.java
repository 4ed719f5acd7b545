package cin.reminders.platform.sql;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import cin.reminders.platform.repository.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Says at every start whether PostgreSQL's row-level security holds the service's own database user (V9): it does not
 * when that user owns the tables, is a superuser or may bypass it, as on a developer's database with one user for
 * everything. The service still runs then (its own council checks stand), but the log says so loudly and the gauge
 * {@code cin_database_council_wall} is 0, for an alert. Read from pg_roles and pg_class, which row-level security
 * does not cover.
 */
@ApplicationScoped
public class RowLevelSecurityCheck {

    private static final Logger LOG = Logger.getLogger(RowLevelSecurityCheck.class);

    private final Pool pool;
    private final SessionStore session;
    private final AtomicInteger holds = new AtomicInteger(-1); // -1: not known yet

    public RowLevelSecurityCheck(Pool pool, SessionStore session, MeterRegistry metrics) {
        this.pool = pool;
        this.session = session;
        Gauge.builder("cin.database.council_wall", holds, AtomicInteger::get)
                .description("1 when row-level security restricts the service's database user, 0 when it does not"
                        + " (the user owns the tables, is a superuser or may bypass it), -1 before the start-up check")
                .register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        session.wall(pool)
                .ifNoItem().after(Duration.ofSeconds(30)).fail()
                .subscribe().with(wall -> {
                    boolean owns = wall.ownsTables();
                    holds.set(wall.holds() ? 1 : 0);
                    if (!wall.holds()) {
                        LOG.warnf("Row-level security does NOT restrict this service's database user (%s): councils are"
                                + " kept apart by the service's own checks only. Give the service a role of its own"
                                + " (docs/OPERATIONS.md, \"Database roles\").", owns ? "it owns the tables" : "it may bypass it");
                    } else {
                        LOG.info("Row-level security restricts this service's database user to the councils each"
                                + " transaction acts for");
                    }
                }, f -> LOG.warnf("Could not check whether row-level security restricts the service's database user (%s)",
                        f.getClass().getSimpleName()));
    }
}
