package cin.reminders.audit.service;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.audit.repository.AccessLogStore;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.config.RemindersConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.Period;
import org.jboss.logging.Logger;

/**
 * Keeps the access log for {@code reminders.access-log.retention} from each read, then deletes the entry: a purge
 * every {@code reminders.access-log.purge-every} on every replica (deleting the same old rows twice is harmless), a
 * bounded chunk per statement.
 */
@ApplicationScoped
public class AccessRetention {

    private static final Logger LOG = Logger.getLogger(AccessRetention.class);
    static final int CHUNK = 5000;

    private final AccessLogStore store;
    private final Pool pool;
    private final ServiceClock clock;
    private final Period retention;

    public AccessRetention(AccessLogStore store, @ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, ServiceClock clock, RemindersConfig config) {
        this.store = store;
        this.pool = pool;
        this.clock = clock;
        this.retention = config.accessLog().retention();
    }

    @Scheduled(every = "${reminders.access-log.purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return purgeReadBefore(cutoff())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Access log: %d entries older than %s deleted", n, retention);
                    }
                })
                .onFailure().invoke(f -> LOG.warnf("The access log purge failed (%s); it runs again at its next turn",
                        f.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The oldest read kept: the retention before now, counted in calendar years and months in Europe/London. */
    Instant cutoff() {
        return clock.londonNow().minus(retention).toInstant();
    }

    /** Deletes every entry read before {@code cutoff}, a chunk at a time; answers how many. */
    public Uni<Long> purgeReadBefore(Instant cutoff) {
        return purgeFrom(cutoff, 0L);
    }

    private Uni<Long> purgeFrom(Instant cutoff, long sofar) {
        return store.purgeOlderThan(pool, cutoff, CHUNK)
                .chain(n -> n < CHUNK ? Uni.createFrom().item(sofar + n) : purgeFrom(cutoff, sofar + n));
    }
}
