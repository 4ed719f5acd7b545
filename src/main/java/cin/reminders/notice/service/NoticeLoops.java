package cin.reminders.notice.service;

import cin.reminders.obligation.service.CalendarRedating;
import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.notice.channel.Senders;
import cin.reminders.notice.config.NoticesConfig;
import cin.reminders.platform.DatabaseReachability;
import cin.reminders.platform.ServiceClock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The background work of notices, each a loop that drains what is due and then waits for the next
 * tick: fire reminder ladders, dispatch due notices, recover dead dispatchers' leases, complete
 * settled distributions, relay receipts. State lives in the database, so any replica may run any
 * loop; SKIP LOCKED keeps them from doing the same work twice.
 */
@ApplicationScoped
public class NoticeLoops {

    private static final Logger LOG = Logger.getLogger(NoticeLoops.class);
    private static final Duration DRAIN_BUDGET = Duration.ofSeconds(20);
    private static final Duration RELAY_YIELD = Duration.ofSeconds(2);
    private static final Duration RELAY_MAX_DEFERRAL = Duration.ofSeconds(15);
    /** How long a stop waits for the sending batches in flight (within quarkus.shutdown.timeout). */
    static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final ReminderFiring reminders;
    private final Dispatcher dispatcher;
    private final LeaseRecovery recovery;
    private final ReceiptRelay receipts;
    private final DistributionCompletion completion;
    private final Senders senders;
    private final Pool pool;
    private final ServiceClock clock;
    private final boolean enabled;
    private final int parallelism;
    private final GracefulStop stop = new GracefulStop();
    private volatile long lastSendingNanos = System.nanoTime() - Duration.ofHours(1).toNanos();
    private volatile long lastRelayNanos = System.nanoTime();
    private final AtomicBoolean reminderWakeUp = new AtomicBoolean();
    private final AtomicBoolean dispatchWakeUp = new AtomicBoolean();
    private final Vertx vertx;
    private final Duration tick;
    private final DatabaseReachability reachability;
    private final CalendarRedating redating;
    private final DigestPlanner digests;
    private final ReminderStaging staging;
    /** The instant the staged waves' hand-over timer is set for (null: none set). */
    private final AtomicReference<Instant> handOverAt = new AtomicReference<>();

    public NoticeLoops(ReminderFiring reminders, Dispatcher dispatcher, LeaseRecovery recovery, ReceiptRelay receipts,
                       DistributionCompletion completion, Senders senders, @ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, ServiceClock clock,
                       DatabaseReachability reachability, NoticesConfig config, Vertx vertx,
                       CalendarRedating redating, DigestPlanner digests, ReminderStaging staging) {
        this.staging = staging;
        this.redating = redating;
        this.digests = digests;
        this.tick = config.loops().every();
        this.vertx = vertx;
        this.reachability = reachability;
        this.parallelism = Math.max(1, config.loops().parallelism());
        this.reminders = reminders;
        this.dispatcher = dispatcher;
        this.recovery = recovery;
        this.receipts = receipts;
        this.completion = completion;
        this.senders = senders;
        this.pool = pool;
        this.clock = clock;
        this.enabled = config.loops().enabled();
    }

    @Scheduled(every = "${notices.loops.every}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> fireReminders() {
        return fireRemindersNow().chain(() -> wakeUpFor(reminders.nextDue(), reminderWakeUp, this::fireRemindersNow));
    }

    private Uni<Void> fireRemindersNow() {
        if (!redating.settled()) {
            return Uni.createFrom().voidItem(); // no reminder with a due date about to move
        }
        return parallel("reminders", () -> sending(reminders::fireBatch));
    }

    /**
     * Stages the rungs of the next minute (ReminderStaging) and sets a timer for the first staged instant. A wave
     * whose instant has passed without its timer (a timer lost to a pause) goes here.
     */
    @Scheduled(every = "${notices.loops.every}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> stageReminders() {
        if (!staging.enabled() || !redating.settled()) {
            return Uni.createFrom().voidItem();
        }
        return run("reminder hand-over", () -> sending(staging::handOverDue).replaceWithVoid())
                // Tracked like a sending batch: its claim leases rungs before it has staged them, so a stop waits for
                // it and then gives the whole wave back, rather than leaving claimed rungs to wait out their lease.
                .chain(() -> drain("reminder staging", () -> stop.track(staging::stageBatch, Batch.EMPTY)))
                .invoke(this::setHandOverTimer);
    }

    /** A timer for the earliest staged wave, unless one is set for it or earlier; each hand-over sets the next. */
    private void setHandOverTimer() {
        if (!enabled || stop.stopping()) {
            return;
        }
        staging.nextWave().ifPresent(at -> {
            Instant set = handOverAt.get();
            if ((set != null && !set.isAfter(at)) || !handOverAt.compareAndSet(set, at)) {
                return;
            }
            long delay = Math.max(1, Duration.between(clock.now(), at).toMillis() + 1); // just after: due means at or before now
            LOG.debugf("Staged reminders' hand-over set for %s (in %d ms)", at, delay);
            vertx.setTimer(delay, id -> {
                LOG.debugf("Staged reminders' hand-over timer for %s fired", at);
                handOverAt.compareAndSet(at, null);
                run("reminder hand-over", () -> sending(staging::handOverDue).replaceWithVoid())
                        .subscribe().with(ok -> setHandOverTimer(), f -> setHandOverTimer());
            });
        });
    }

    @Scheduled(every = "${notices.loops.every}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatch() {
        return dispatchNow().chain(() -> wakeUpFor(dispatcher.nextDue(), dispatchWakeUp, this::dispatchNow));
    }

    private Uni<Void> dispatchNow() {
        return parallel("dispatch", () -> sending(dispatcher::dispatchBatch));
    }

    /**
     * The ticks come every second, at no particular phase: at 08:30 the first reminders would wait up to a
     * second for the next one. When something falls due before the next tick, a one-off timer runs the
     * loop at that instant too. Only a tick sets one, so the loop runs at most twice a second: retries
     * spread over time (a provider outage) must not turn it into a loop chasing each one.
     */
    private Uni<Void> wakeUpFor(Uni<Optional<Instant>> nextDue, AtomicBoolean pending, Supplier<Uni<Void>> loop) {
        if (!enabled || stop.stopping()) {
            return Uni.createFrom().voidItem();
        }
        return nextDue.invoke(next -> next.ifPresent(at -> {
                    long delay = Duration.between(clock.now(), at).toMillis() + 1; // just after: "due" means at or before now
                    if (delay > 0 && delay < tick.toMillis() && pending.compareAndSet(false, true)) {
                        vertx.setTimer(delay, id -> {
                            pending.set(false);
                            loop.get().subscribe().with(ok -> { }, f -> LOG.warnf("Woken notice loop failed (%s)", f.toString()));
                        });
                    }
                }))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /**
     * Several drains of the same loop side by side (SKIP LOCKED gives each its own batch), so the
     * database round trips of one overlap the CPU work of another.
     */
    private Uni<Void> parallel(String what, Supplier<Uni<Batch>> batch) {
        if (parallelism == 1) {
            return drain(what, batch);
        }
        List<Uni<Void>> drains = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            drains.add(drain(what, batch));
        }
        return Uni.join().all(drains).andCollectFailures().replaceWithVoid();
    }

    /** Digest councils' days, planned once each at their reminder hour (a claim per council and day). */
    @Scheduled(every = "${notices.loops.every}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> planDigests() {
        return run("digest planning", () -> digests.planDue().replaceWithVoid());
    }

    @Scheduled(every = "${notices.loops.recovery-every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recoverLeases() {
        return drain("lease recovery", recovery::recover);
    }

    @Scheduled(every = "${notices.loops.every}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> completeSettledDistributions() {
        return run("distribution completion",
                () -> pool.withTransaction(c -> completion.completeSettled(c, clock.now())));
    }

    @Scheduled(every = "${notices.loops.every}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relayReceipts() {
        // People first, bookkeeping after: while reminders or notices are being sent, receipts wait (at most
        // RELAY_MAX_DEFERRAL), so at 08:30 the machine's CPU goes to the messages; the outbox keeps every receipt.
        long now = System.nanoTime();
        if (now - lastSendingNanos < RELAY_YIELD.toNanos() && now - lastRelayNanos < RELAY_MAX_DEFERRAL.toNanos()) {
            return Uni.createFrom().voidItem();
        }
        lastRelayNanos = now;
        return drain("receipt relay", receipts::relayBatch);
    }

    /**
     * A batch that sends messages: counted in flight until it has recorded its outcomes (a stop waits for
     * it), and while messages go out, the loops that can wait, wait.
     */
    private Uni<Batch> sending(Supplier<Uni<Batch>> batch) {
        return stop.track(batch, Batch.EMPTY).invoke(b -> {
            if (b.processed() > 0) {
                lastSendingNanos = System.nanoTime();
            }
        });
    }

    /** Repeats a batch while batches say more may be waiting, within a time budget, so a backlog drains at full speed. */
    private Uni<Void> drain(String what, Supplier<Uni<Batch>> batch) {
        if (!enabled || stop.stopping()) {
            return Uni.createFrom().voidItem();
        }
        long deadline = System.nanoTime() + DRAIN_BUDGET.toNanos();
        return Uni.createFrom().<Batch>deferred(batch::get) // a fresh batch (and a fresh "now") on every repetition
                .repeat().until(b -> !b.moreMayBeWaiting() || stop.stopping() || System.nanoTime() > deadline)
                .collect().last()
                .replaceWithVoid()
                .onFailure().invoke(f -> failed(what, f))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> run(String what, Supplier<Uni<Void>> work) {
        if (!enabled || stop.stopping()) {
            return Uni.createFrom().voidItem();
        }
        return work.get()
                .onFailure().invoke(f -> failed(what, f))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void failed(String what, Throwable f) {
        reachability.failed(f); // a loop that cannot reach the database holds lease recovery back (LeaseRecovery)
        LOG.warnf("Notice loop '%s' failed (%s); it will run again", what, f.toString());
    }

    /**
     * Graceful shutdown ({@link GracefulStop}): early among the shutdown observers, and the only one that
     * closes the channels, after the batches in flight have finished.
     */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        int left = stop.stop(STOP_WAIT, () -> {
            int released = enabled ? dispatcher.releaseHeld() : 0;
            int staged = enabled ? staging.releaseAll() : 0;
            LOG.infof("Notice loops stopped; %d notice(s) and %d staged reminder rung(s) handed back", released, staged);
        }, senders::close);
        if (left > 0) {
            LOG.warnf("%d sending batch(es) were still in flight when the stop stopped waiting; their leases recover them", left);
        }
    }
}
