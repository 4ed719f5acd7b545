package cin.reminders.obligation.service;

import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.engine.Redating;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.notice.NoticeData;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.ReminderLadder;
import cin.reminders.domain.notice.ReminderNotices;
import cin.reminders.domain.notice.ReminderStep;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.notice.service.PlannedNotices;
import cin.reminders.notice.repository.ReminderRungStore;
import cin.reminders.obligation.repository.CalendarStateStore;
import cin.reminders.obligation.repository.ObligationHistoryStore;
import cin.reminders.obligation.repository.ObligationHistoryStore.DueDateChange;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.obligation.repository.ObligationStore.Keyset;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.TransientFailures;
import cin.reminders.platform.config.RemindersConfig;
import cin.reminders.platform.sql.Databases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Calendar changes re-date (CONTRACT-2 §9). At start, for each council whose calendar in force differs from the one
 * its open obligations were last re-dated to ({@link CalendarStateStore}), every open obligation computed in another
 * calendar is computed again ({@link Redating}), in batches in due-date order, each batch one transaction:
 * <ul>
 *   <li>the obligation takes its new dates and the new calendar's fingerprint;</li>
 *   <li>a due date that moved is kept in the obligation's history ({@link ObligationHistoryStore});</li>
 *   <li>its reminder ladder moves to the new date (what was sent stays sent);</li>
 *   <li>its owner is told, {@code due-date-changed}, in working hours.</li>
 * </ul>
 * Safe with replicas starting together: each batch locks its rows and skips those another holds, a row done by one
 * is computed in the new calendar and no longer selected, and the owner is told only by the transaction that
 * recorded the move (one history row per obligation and calendar). Running it again changes nothing.
 * <p>
 * Reminders are not fired until re-dating has finished ({@link #settled()}), so that no reminder goes out with a due
 * date about to move. An hourly {@link #sweep()} catches what a start cannot see: rows opened in an old calendar by an
 * old pod during a rolling deploy.
 */
@ApplicationScoped
public class CalendarRedating {

    private static final Logger LOG = Logger.getLogger(CalendarRedating.class);

    private final Pool pool;
    private final PolicyRegistry policies;
    private final ObligationStore obligations;
    private final ObligationHistoryStore history;
    private final CalendarStateStore calendars;
    private final ReminderRungStore rungs;
    private final ParticipantStore participants;
    private final PlannedNotices notices;
    private final ServiceClock clock;
    private final MeterRegistry registry;
    private final RemindersConfig.Redating config;
    private volatile boolean settled;

    public CalendarRedating(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, PolicyRegistry policies,
                            ObligationStore obligations, ObligationHistoryStore history, CalendarStateStore calendars,
                            ReminderRungStore rungs, ParticipantStore participants, PlannedNotices notices,
                            ServiceClock clock, MeterRegistry registry, RemindersConfig config) {
        this.pool = pool;
        this.policies = policies;
        this.obligations = obligations;
        this.history = history;
        this.calendars = calendars;
        this.rungs = rungs;
        this.participants = participants;
        this.notices = notices;
        this.clock = clock;
        this.registry = registry;
        this.config = config.redating();
    }

    /** What one council's re-dating did: obligations looked at again, and those whose due date moved. */
    public record Report(int computed, int moved) {
        static final Report NONE = new Report(0, 0);

        Report plus(Report other) {
            return new Report(computed + other.computed, moved + other.moved);
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.onStart()) {
            settled = true;
            return;
        }
        redateAll()
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).expireIn(config.retryFor().toMillis())
                .subscribe().with(report -> settled = true, failure -> {
                    settled = true;
                    LOG.errorf("Re-dating after a calendar change failed (%s); reminders go on with the dates stored, "
                            + "and the next start tries again", failure.toString());
                });
    }

    /** Whether the re-dating begun at start has finished (or was not wanted): reminders may then be fired. */
    public boolean settled() {
        return settled;
    }

    /** Re-dates every council whose calendar changed, one after the other. */
    public Uni<Report> redateAll() {
        return Multi.createFrom().iterable(policies.all()).onItem()
                .transformToUniAndConcatenate(p -> redate(p.authority()))
                .collect().with(java.util.stream.Collectors.reducing(Report.NONE, Report::plus));
    }

    /** Re-dates one council's open obligations to its calendar in force, if that changed. */
    public Uni<Report> redate(String authority) {
        Policy policy = policies.get(authority);
        WorkingCalendar calendar = policy.calendar();
        String fingerprint = calendar.fingerprint();
        return calendars.fingerprint(pool, authority).chain(stored -> {
            if (stored.filter(fingerprint::equals).isPresent()) {
                return Uni.createFrom().item(Report.NONE);
            }
            // Walks again until one finds nothing: a row skipped because another replica held it is walked past, and
            // if that replica then failed, the next walk finds it still in the old calendar.
            return Multi.createBy().repeating().uni(() -> walk(policy)).whilst(r -> r.computed() > 0)
                    .select().first(MAX_WALKS)
                    .collect().with(java.util.stream.Collectors.reducing(Report.NONE, Report::plus))
                    .call(report -> calendars.redatedTo(pool, authority, fingerprint, clock.now()))
                    .invoke(report -> {
                        if (report.computed() > 0 || stored.isPresent()) {
                            LOG.infof("Calendar of %s changed (%s to %s): %d open obligations computed again, %d due "
                                    + "dates moved", authority, stored.orElse("none"), fingerprint, report.computed(),
                                    report.moved());
                        }
                        counted(authority, report);
                    });
        });
    }

    /**
     * The sweep: every {@code reminders.redating.sweep-every} (an hour), one walk over each council's open obligations,
     * whatever {@code calendar_state} says, for rows still in another calendar: those an old pod opened during a
     * rolling deploy after a new pod had re-dated, or rows a failed replica held while the start's walks passed. A walk
     * that finds nothing reads the council's open obligations and writes nothing (about 1.4 s of PostgreSQL per
     * million, bench/redating.sh).
     */
    @Scheduled(every = "${reminders.redating.sweep-every}", delayed = "${reminders.redating.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        if (!settled) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(policies.all()).onItem()
                .transformToUniAndConcatenate(p -> walk(p).invoke(report -> {
                    if (report.computed() > 0) {
                        LOG.infof("Sweep: %d open obligations of %s were still in another calendar than %s; %d due dates "
                                + "moved", report.computed(), p.authority(), p.calendar().fingerprint(), report.moved());
                    }
                    counted(p.authority(), report);
                }))
                .collect().last().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warnf("The re-dating sweep stopped (%s); the next one tries again", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void counted(String authority, Report report) {
        Counter.builder("cin.obligations.redated").description("Open obligations whose due date a change of calendar moved")
                .tag("authority", authority).register(registry).increment(report.moved());
    }

    /** The most walks over a council's obligations one start makes (each after the first finds only stragglers). */
    private static final int MAX_WALKS = 5;

    /** One walk over a council's open obligations in due-date order, batch by batch. */
    private Uni<Report> walk(Policy policy) {
        AtomicReference<Keyset> after = new AtomicReference<>(Keyset.START);
        return Multi.createBy().repeating().uni(() -> batch(policy, after.get()))
                .whilst(b -> b.full)
                .onItem().invoke(b -> after.set(b.next))
                .collect().with(java.util.stream.Collectors.reducing(Report.NONE, b -> b.report, Report::plus));
    }

    /** One batch: what it did, whether it was full (more may follow), and where the next one starts. */
    private record Batch(Report report, boolean full, Keyset next) {
    }

    private Uni<Batch> batch(Policy policy, Keyset after) {
        int size = config.batchSize();
        WorkingCalendar calendar = policy.calendar();
        return pool.withTransaction(c -> obligations.computedInAnotherCalendar(c, policy.authority(),
                calendar.fingerprint(), after, size).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new Batch(Report.NONE, false, after));
            }
            Instant now = clock.now();
            List<Obligation> redated = new ArrayList<>(found.size());
            List<Moved> moved = new ArrayList<>();
            for (Obligation o : found) {
                Redating.Redated r = Redating.in(o, version(o), calendar);
                Obligation n = o.redated(r);
                redated.add(n);
                if (r.moves(o)) {
                    moved.add(new Moved(o, n));
                }
            }
            Obligation last = found.get(found.size() - 1);
            Batch batch = new Batch(new Report(found.size(), moved.size()), found.size() == size,
                    new Keyset(last.dueDate(), last.id()));
            String cause = DueDateChange.calendar(calendar.fingerprint());
            List<DueDateChange> changes = moved.stream().map(m -> new DueDateChange(m.before.id(), m.before.authority(),
                    cause, now, m.before.dueDate(), m.after.dueDate())).toList();
            return obligations.redate(c, redated)
                    .chain(() -> history.recordDueDateChanges(c, changes))
                    .call(recorded -> retime(c, policy, moved, now))
                    .chain(recorded -> tell(c, policy, moved, recorded, now))
                    .replaceWith(batch);
        }));
    }

    /** An obligation before and after re-dating. */
    private record Moved(Obligation before, Obligation after) {
    }

    private Optional<Policy> version(Obligation o) {
        return policies.versions(o.authority()).stream().filter(p -> p.version().equals(o.policyVersion())).findFirst();
    }

    /** Moves each moved obligation's ladder to the rung its new date gives (one already due goes at once). */
    private Uni<Void> retime(SqlConnection c, Policy policy, List<Moved> moved, Instant now) {
        if (moved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ReminderLadder ladder = new ReminderLadder(policy.calendar(), policy.reminders());
        return rungs.lastSent(c, moved.stream().map(m -> m.after.id()).toArray(UUID[]::new)).chain(sent -> {
            Map<UUID, ReminderStep> next = new java.util.HashMap<>();
            for (Moved m : moved) {
                Obligation o = m.after;
                ReminderLadder.Plan plan = ladder.at(now, o.dueDate(), o.goodPracticeOn(),
                        sent.getOrDefault(o.id(), Optional.empty()).orElse(null));
                plan.sendNow().map(s -> new ReminderStep(s.key(), now)).or(plan::next)
                        .ifPresent(step -> next.put(o.id(), step));
            }
            return rungs.retime(c, next);
        });
    }

    /** Tells the owner of each move recorded by this transaction (a move recorded before was told then). */
    private Uni<Void> tell(SqlConnection c, Policy policy, List<Moved> moved, Set<UUID> recorded, Instant now) {
        List<Moved> told = moved.stream().filter(m -> recorded.contains(m.after.id())).toList();
        if (told.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant at = new ReminderLadder(policy.calendar(), policy.reminders()).nextWorkingHour(now);
        List<CaseRef> cases = told.stream().map(m -> m.after.caseRef()).distinct().toList();
        return participants.forCases(c, cases).chain(people -> {
            List<NoticeIntent> intents = new ArrayList<>();
            for (Moved m : told) {
                Obligation o = m.after;
                List<Participant> casePeople = people.containsKey(o.caseRef())
                        ? people.get(o.caseRef()).inOrder() : List.of();
                intents.addAll(ReminderNotices.dueDateChanged(o.id(), o.caseRef(), o.ownerRole(), o.ownerParticipantId(),
                        o.dueBasis().calendar(), new NoticeData.DueDateChanged(m.before.dueDate(), o.dueDate()),
                        casePeople, at));
            }
            return notices.record(c, intents, now);
        });
    }
}
