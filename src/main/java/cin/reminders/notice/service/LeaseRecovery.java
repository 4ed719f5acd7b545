package cin.reminders.notice.service;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.platform.DatabaseReachability;
import cin.reminders.platform.ServiceClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import cin.reminders.notice.config.NoticesConfig;
import org.jboss.logging.Logger;

/**
 * Closes the crash window between "the provider accepted it" and "we recorded it as sent". A
 * notice still SENDING when its lease runs out belonged to a dispatcher that died: it is queued
 * again with its attempt counted, and the dispatcher asks the provider before any send that
 * follows an attempt (Notify by {@code reference}; the demo outbox, by file), so what the provider
 * has is recorded as sent, not sent again. SMTP cannot be asked: such an email is sent again, under
 * the same Message-ID. No provider is called here, so no transaction waits on one.
 *
 * <p>Nothing is recovered until the database has been reachable for
 * {@code notices.dispatch.recovery-grace}: a lease that ran out during an outage belongs to a
 * dispatcher that is still recording its sends (NoticeOutcomes#recordNow).
 *
 * <p>Each notice recovered is counted ({@code cin.notices.leases.recovered}): a replica died or stalled mid-send.
 */
@ApplicationScoped
public class LeaseRecovery {

    private static final Logger LOG = Logger.getLogger(LeaseRecovery.class);
    private final Pool pool;
    private final NoticeStore due;
    private final ServiceClock clock;
    private final DatabaseReachability reachability;
    private final Duration grace;
    private final int batchSize;
    private final Counter recovered;

    public LeaseRecovery(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, NoticeStore due, ServiceClock clock, DatabaseReachability reachability,
                         NoticesConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.due = due;
        this.clock = clock;
        this.reachability = reachability;
        this.grace = config.dispatch().recoveryGrace();
        this.batchSize = config.dispatch().recoveryBatchSize();
        this.recovered = Counter.builder("cin.notices.leases.recovered")
                .description("Notices still SENDING when their lease ran out, queued again (their dispatcher stopped mid-send)")
                .register(metrics);
    }

    /** Queues one batch of abandoned notices again; the number queued. */
    public Uni<Batch> recover() {
        if (!reachability.steadyFor(grace)) {
            return Uni.createFrom().item(Batch.EMPTY);
        }
        return due.requeueExpired(pool, clock.now(), batchSize).invoke(n -> {
            if (n > 0) {
                recovered.increment(n);
                LOG.warnf("Recovering %d notices whose dispatcher stopped mid-send", n);
            }
        }).map(n -> Batch.ofSize(n, batchSize));
    }
}
