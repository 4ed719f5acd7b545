package cin.reminders.notice.service;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.notice.channel.LetterQuota;
import cin.reminders.notice.channel.LetterTemplates;
import cin.reminders.notice.config.NotifyConfig;
import cin.reminders.notice.repository.LetterAllowanceStore;
import cin.reminders.platform.sql.Databases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * GOV.UK Notify's daily letter limit ({@code notify.letters-per-day}, 20,000), kept for every replica together: a
 * letter takes one of the day's before it goes; over the limit it waits for the next day (UTC, as Notify counts), and
 * the wait is recorded on the notice. A letter whose send then fails transiently has still used one: the count errs
 * towards fewer letters, never towards Notify refusing them.
 */
@ApplicationScoped
public class LetterAllowance implements LetterQuota {

    private static final Logger LOG = Logger.getLogger(LetterAllowance.class);

    private final Pool pool;
    private final LetterAllowanceStore store;
    private final int perDay;
    private final Counter deferred;
    private final AtomicReference<LocalDate> reportedFull = new AtomicReference<>();

    public LetterAllowance(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, LetterAllowanceStore store,
                           NotifyConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.store = store;
        this.perDay = config.lettersPerDay();
        this.deferred = Counter.builder("cin_letters_deferred_total")
                .description("Letters that waited for the next day: Notify's daily letter limit was reached")
                .register(metrics);
    }

    /** Empty when a letter may go now; otherwise the wait until the next day. */
    @Override
    public Uni<Optional<SendResult.Deferred>> take(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return store.take(pool, day, perDay).map(granted -> {
            if (granted) {
                return Optional.<SendResult.Deferred>empty();
            }
            deferred.increment();
            if (!day.equals(reportedFull.getAndSet(day))) {
                LOG.warnf("Notify's daily letter limit (%d) is reached for %s: further letters wait for the next day",
                        perDay, day);
            }
            return Optional.of(waitFor(day, now));
        });
    }

    @Override
    public Optional<SendResult.Deferred> knownUsedUp(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!day.equals(reportedFull.get())) {
            return Optional.empty();
        }
        deferred.increment();
        return Optional.of(waitFor(day, now));
    }

    private SendResult.Deferred waitFor(LocalDate day, Instant now) {
        return new SendResult.Deferred(java.time.Duration.between(now, LetterTemplates.nextUtcDay(now)),
                "Notify's daily letter limit (" + perDay + ") reached for " + day + "; waits for the next day");
    }
}
