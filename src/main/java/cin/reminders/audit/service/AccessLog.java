package cin.reminders.audit.service;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.audit.repository.AccessLogStore;
import cin.reminders.domain.audit.Access;
import cin.reminders.platform.config.RemindersConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The access log's writer: {@link #record} puts an entry on a bounded in-memory queue and returns at once, so a
 * read never waits for it and never fails because of it; entries are inserted in batches every
 * {@code reminders.access-log.flush-every}, or as soon as a whole batch is waiting. On shutdown what is queued is
 * written. Metrics: {@code cin.access_log.written}, {@code cin.access_log.dropped} (by reason) and
 * {@code cin.access_log.queued}. Its log lines name no case and no one.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    /** How long a stop waits for the queue to be written (a single insert, normally milliseconds). */
    static final Duration STOP_WAIT = Duration.ofSeconds(3);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final BatchedWriter<Access> writer;
    private final AtomicLong lastFullWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong lastWriteWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public AccessLog(AccessLogStore store, @ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, RemindersConfig config, MeterRegistry registry) {
        RemindersConfig.AccessLogSettings settings = config.accessLog();
        this.writer = new BatchedWriter<>(settings.capacity(), settings.batchSize(), batch -> store.insert(pool, batch));
        FunctionCounter.builder("cin.access_log.written", writer, BatchedWriter::written)
                .description("Access log entries written").register(registry);
        FunctionCounter.builder("cin.access_log.dropped", writer, BatchedWriter::dropped).tag("reason", "queue_full")
                .description("Reads answered but not recorded in the access log").register(registry);
        Gauge.builder("cin.access_log.queued", writer, BatchedWriter::queued)
                .description("Access log entries waiting to be written").register(registry);
    }

    /** Queues the entry; never waits, never throws. A full queue drops it (counted, and warned at most once a minute). */
    public void record(Access access) {
        if (!writer.offer(access)) {
            warn(lastFullWarning, "The access log's queue is full (%d entries): reads are answered but not recorded; %d dropped so far",
                    writer.capacity(), writer.dropped());
            return;
        }
        if (writer.batchWaiting()) {
            flush().subscribe().with(ok -> { });
        }
    }

    @Scheduled(every = "${reminders.access-log.flush-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        return writer.flush()
                .onFailure().invoke(f -> warn(lastWriteWarning, "The access log could not be written (%s); %d entries wait and are tried again",
                        f.getClass().getName(), writer.queued()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Writes what is queued before the database pool closes. HTTP requests have finished by now (Quarkus's graceful
     * shutdown comes first), so every read answered is queued. First among the
     * shutdown observers, so the notice loops' wait for their sending batches (up to 15 s) cannot squeeze it.
     */
    void stop(@Observes @Priority(0) ShutdownEvent event) {
        int left = writer.drain(STOP_WAIT);
        if (left > 0) {
            LOG.warnf("The access log stopped with %d entries unwritten (the database was away or slow)", left);
        }
    }

    /**
     * At most one warning of a kind a minute (a database outage would otherwise warn on every flush). Only the type of
     * a failure and counts: a failure's message may quote a row, and a row names a case.
     */
    private static void warn(AtomicLong lastOfItsKind, String format, Object... args) {
        long now = System.nanoTime();
        long last = lastOfItsKind.get();
        if (now - last >= WARN_EVERY_NANOS && lastOfItsKind.compareAndSet(last, now)) {
            LOG.warnf(format, args);
        }
    }
}
