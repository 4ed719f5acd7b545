package cin.reminders.notice.service;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.Participant;
import cin.reminders.notice.config.NoticesConfig;
import cin.reminders.notice.repository.ReminderRungStore;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.TransientFailures;
import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Stages the reminders of the next minute, so that an 08:30 burst goes at 08:30 rather than over the seconds it takes
 * to claim, plan and render it. Rungs falling due within {@code stage-ahead} are claimed (leased past their instant),
 * planned and rendered beforehand and held in memory; at their instant they are handed to their channels and recorded
 * as the firing records any batch ({@link ReminderFiring#complete}).
 * <p>
 * Exactly once is the lease's, as for every rung: no other replica claims a staged rung while its lease runs. A replica
 * that dies holding staged rungs had sent none of them, and lease recovery claims them again as any abandoned rung (the
 * provider asked before anything is resent). A stop gives them back. What changed meanwhile (an obligation closed, a due
 * date moved) is checked at the instant; those rungs are given back unsent, to fire as they now should.
 * <p>
 * The heap held is bounded (a share of it, counted as the rendered text and the objects around it): rungs past the
 * budget are fired when due, as without staging.
 */
@ApplicationScoped
public class ReminderStaging {

    private static final Logger LOG = Logger.getLogger(ReminderStaging.class);
    /** Rungs due sooner than this are left to the firing: staging them would only race it to their instant. */
    private static final Duration MIN_LEAD = Duration.ofSeconds(2);

    private final Pool pool;
    private final ReminderRungStore rungs;
    private final ReminderFiring firing;
    private final Dispatcher dispatcher;
    private final ServiceClock clock;
    private final String replica;
    private final Duration ahead;
    private final Duration lease;
    private final int batchSize;
    private final long budget;
    /** Staged waves by instant; guarded by itself (a wave staged late must not slip past a hand-over taking its instant). */
    private final TreeMap<Instant, List<Wave>> waves = new TreeMap<>();
    private final AtomicLong held = new AtomicLong();
    /** Every rung due by this instant has been claimed (null: nothing staged yet, or something given back). */
    private volatile Instant stagedUpTo;

    public ReminderStaging(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, ReminderRungStore rungs, ReminderFiring firing,
                           Dispatcher dispatcher, ServiceClock clock, ReplicaId replica, NoticesConfig config) {
        this.pool = pool;
        this.rungs = rungs;
        this.firing = firing;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.replica = replica.id();
        this.ahead = config.reminders().stageAhead();
        this.lease = config.dispatch().lease();
        this.batchSize = config.reminders().batchSize();
        this.budget = Runtime.getRuntime().maxMemory() / 100 * Math.max(0, Math.min(90, config.reminders().stageHeapPercent()));
    }

    /** A batch of rungs falling due at one instant, planned and rendered, and about the heap it holds, in bytes. */
    private record Wave(Instant at, List<ReminderRungStore.Due> rungs, ReminderFiring.Planned planned,
                        List<Dispatcher.Prepared> prepared, long bytes) {
    }

    public boolean enabled() {
        return !ahead.isZero() && budget > 0;
    }

    /** Stages one batch of rungs falling due soon; none once the budget is spent. */
    public Uni<Batch> stageBatch() {
        if (!enabled() || held.get() >= budget) {
            return Uni.createFrom().item(Batch.EMPTY);
        }
        Instant now = clock.now();
        Instant until = now.plus(ahead);
        // Past the horizon already staged only: a rung put into it since then fires when due, as without staging, and
        // the claim does not walk the staged wave's rows again every second.
        if (stagedUpTo != null && stagedUpTo.isAfter(until)) {
            stagedUpTo = null; // the clock went back (a test's, or a demo's): the horizon means nothing now
        }
        Instant from = latest(now.plus(MIN_LEAD), stagedUpTo);
        if (!from.isBefore(until)) {
            return Uni.createFrom().item(Batch.EMPTY);
        }
        return rungs.claimAhead(pool, replica, from, until, until.plus(lease), batchSize).chain(list -> {
            if (list.size() < batchSize) {
                stagedUpTo = until; // everything due by then was claimed (by us, or by others)
            }
            if (list.isEmpty()) {
                return Uni.createFrom().item(Batch.EMPTY);
            }
            Map<Instant, List<ReminderRungStore.Due>> byInstant = new TreeMap<>();
            list.forEach(d -> byInstant.computeIfAbsent(d.rung().at(), k -> new ArrayList<>()).add(d));
            return firing.people(list)
                    .chain(people -> Multi.createFrom().iterable(byInstant.entrySet())
                            .onItem().transformToUniAndConcatenate(e -> stage(e.getKey(), e.getValue(), people))
                            .collect().last())
                    // A batch that could not be staged is given back whole, to fire when due.
                    .onFailure().invoke(f -> stagedUpTo = null)
                    .onFailure().call(f -> rungs.release(pool, replica, ids(list)))
                    .invoke(() -> LOG.debugf("Staged %s reminder rung(s) due by %s; %s KiB held", (Object) list.size(), until, held.get() / 1024))
                    .replaceWith(Batch.ofSize(list.size(), batchSize));
        });
    }

    private Uni<Void> stage(Instant at, List<ReminderRungStore.Due> list, Map<CaseRef, Map<String, Participant>> people) {
        ReminderFiring.Planned planned = firing.plan(list, people, at);
        return dispatcher.prepare(planned.deliverable(), planned.ctx(), at).invoke(prepared -> {
            long bytes = prepared.stream().mapToLong(Dispatcher.Prepared::size).sum();
            held.addAndGet(bytes);
            synchronized (waves) {
                waves.computeIfAbsent(at, k -> new ArrayList<>()).add(new Wave(at, list, planned, prepared, bytes));
            }
        }).replaceWithVoid();
    }

    /** When the earliest staged wave falls due, if any. */
    public Optional<Instant> nextWave() {
        synchronized (waves) {
            return waves.isEmpty() ? Optional.empty() : Optional.of(waves.firstKey());
        }
    }

    /**
     * Hands over every wave whose instant has come. The rungs still held as staged are checked in one statement first,
     * so that every wave goes before any is recorded.
     */
    public Uni<Batch> handOverDue() {
        List<Wave> due = takeDue(clock.now());
        LOG.debugf("Hand-over at %s: %s staged wave(s) due, %s KiB held", clock.now(), due.size(), held.get() / 1024);
        if (due.isEmpty()) {
            return Uni.createFrom().item(Batch.EMPTY);
        }
        List<ReminderRungStore.Due> all = new ArrayList<>();
        due.forEach(w -> all.addAll(w.rungs()));
        long bytes = due.stream().mapToLong(Wave::bytes).sum();
        Instant first = due.get(0).at();
        return rungs.stillHeld(pool, replica, all)
                // A moment's database fault at the instant must not cost the wave its minute's start: the rungs would
                // wait for their leases to run out.
                .onFailure(TransientFailures::isTransient).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(5)
                .chain(kept -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndMerge(w -> handOver(w, kept))
                        .collect().asList())
                .onTermination().invoke(() -> held.addAndGet(-bytes))
                .map(counts -> {
                    int sent = counts.stream().mapToInt(Integer::intValue).sum();
                    // Counts and times only: what staging did for the hour's burst, for operations to see.
                    LOG.infof("Staged reminder rungs due at %s: %d fired (%d given back, changed meanwhile), recorded %d ms"
                                    + " after their instant; about %d KiB of heap released", first, sent, all.size() - sent,
                            Duration.between(first, clock.now()).toMillis(), bytes / 1024);
                    return new Batch(sent, false);
                });
    }

    private Uni<Integer> handOver(Wave w, Set<UUID> kept) {
        List<ReminderRungStore.Due> changed = w.rungs().stream().filter(d -> !kept.contains(d.id())).toList();
        if (!changed.isEmpty()) {
            LOG.debugf("%d staged reminder rung(s) changed before their instant; given back", changed.size());
        }
        ReminderFiring.Planned planned = changed.isEmpty() ? w.planned() : w.planned().onlyFor(kept);
        Set<UUID> notices = new HashSet<>();
        planned.deliverable().forEach(n -> notices.add(n.id()));
        List<Dispatcher.Prepared> prepared = changed.isEmpty() ? w.prepared()
                : w.prepared().stream().filter(p -> notices.contains(p.notice().id())).toList();
        return firing.complete(planned, prepared, dispatcher.sendDeadline(w.at()), clock.now())
                .chain(() -> rungs.release(pool, replica, ids(changed)))
                .replaceWith(w.rungs().size() - changed.size());
    }

    /**
     * Gives back every staged rung not yet handed over (a graceful stop), so that another replica fires it at its
     * instant instead of waiting for the lease to run out; how many.
     */
    public int releaseAll() {
        stagedUpTo = null;
        List<Wave> all = takeDue(Instant.MAX);
        List<ReminderRungStore.Due> list = new ArrayList<>();
        all.forEach(w -> {
            list.addAll(w.rungs());
            held.addAndGet(-w.bytes());
        });
        return list.isEmpty() ? 0 : rungs.release(pool, replica, ids(list)).await().atMost(Duration.ofSeconds(5));
    }

    /** About the heap staged waves hold now, in bytes. */
    long held() {
        return held.get();
    }

    private List<Wave> takeDue(Instant now) {
        List<Wave> out = new ArrayList<>();
        synchronized (waves) {
            var due = waves.headMap(now, true);
            due.values().forEach(out::addAll);
            due.clear();
        }
        return out;
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static UUID[] ids(List<ReminderRungStore.Due> list) {
        return list.stream().map(ReminderRungStore.Due::id).toArray(UUID[]::new);
    }
}
