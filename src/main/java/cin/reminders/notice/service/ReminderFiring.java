package cin.reminders.notice.service;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.domain.notice.ReminderLadder;
import cin.reminders.domain.notice.ReminderNotices;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.notice.repository.DispatchContext;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.notice.channel.Senders;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.repository.ReceiptOutboxStore;
import cin.reminders.notice.repository.ReminderRungStore;
import cin.reminders.notice.repository.Outcome;
import cin.reminders.platform.ServiceClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import cin.reminders.platform.DatabaseReachability;
import cin.reminders.platform.TransientFailures;
import org.jboss.logging.Logger;
import cin.reminders.notice.config.NoticesConfig;
import cin.reminders.ingest.kafka.CatchUp;
import cin.reminders.platform.config.RemindersConfig;
import cin.reminders.domain.notice.ReminderStep;
import cin.reminders.domain.notice.SettleRule;
import cin.reminders.domain.notice.DigestDay;
import cin.reminders.domain.notice.DigestNotice;
import cin.reminders.domain.model.Channel;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Fires the reminder ladders in one pass per batch, the hot path when thousands of deadlines fall
 * due at 08:30: claim the due rungs and lease them (one statement, SKIP LOCKED), render and hand each
 * rung's notices to their channel, then record the notices in their outcome's state and move each
 * ladder to its next rung (one transaction). A rung whose holder died mid-send is found by its
 * lease; the provider is asked before anything is resent (Notify by reference), exactly as for the
 * dispatcher's leases. Sends that fail transiently are queued for the dispatcher to retry.
 */
@ApplicationScoped
public class ReminderFiring {

    private final Pool pool;
    private final ReminderRungStore due;
    private final NoticeStore notices;
    private final ReceiptOutboxStore receipts;
    private final ParticipantStore participants;
    private final Senders senders;
    private final Dispatcher dispatcher;
    private final PolicyRegistry policies;
    private final ServiceClock clock;
    private static final Logger LOG = Logger.getLogger(ReminderFiring.class);

    private final String replica;
    private final int batchSize;
    private final Duration lease;
    private final Duration recordFor;
    private final Duration recoveryGrace;
    private final DatabaseReachability reachability;
    private final CatchUp catchUp;
    private final Duration catchUpMaxWait;
    private final Duration catchUpRecheck;
    private final Duration digestGather;

    public ReminderFiring(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, ReminderRungStore due, NoticeStore notices, ReceiptOutboxStore receipts,
                          ParticipantStore participants, Senders senders, Dispatcher dispatcher,
                          PolicyRegistry policies, ServiceClock clock, ReplicaId replica, DatabaseReachability reachability,
                          NoticesConfig config, CatchUp catchUp, RemindersConfig remindersConfig) {
        this.catchUp = catchUp;
        this.catchUpMaxWait = remindersConfig.catchUp().maxWait();
        this.catchUpRecheck = remindersConfig.catchUp().recheck();
        this.reachability = reachability;
        this.recordFor = config.dispatch().recordFor();
        this.recoveryGrace = config.dispatch().recoveryGrace();
        this.pool = pool;
        this.due = due;
        this.notices = notices;
        this.receipts = receipts;
        this.participants = participants;
        this.senders = senders;
        this.dispatcher = dispatcher;
        this.policies = policies;
        this.clock = clock;
        this.replica = replica.id();
        this.batchSize = config.reminders().batchSize();
        this.lease = config.dispatch().lease();
        this.digestGather = config.reminders().digestGather();
    }

    /** One batch; the number of ladders that moved. */
    public Uni<Batch> fireBatch() {
        Instant now = clock.now();
        // A rung whose lease ran out belonged to a firer that died, or that is still recording what it sent while the
        // database was away (its group commits retry for record-for): taken over only once the database has been back
        // for the recovery grace, as lease recovery does for notices.
        boolean takeOver = reachability.steadyFor(recoveryGrace);
        return due.claim(pool, replica, now, now.plus(lease), batchSize, takeOver).chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return people(list).chain(people -> {
                Planned planned = plan(list, people, now);
                return dispatcher.prepare(planned.deliverable(), planned.ctx(), now)
                        .chain(prepared -> complete(planned, prepared, dispatcher.sendDeadline(now), now));
            }).replaceWith(list.size());
        }).map(Batch::untilEmpty);
    }

    /** When the next rung falls due (after now), if any. */
    public Uni<java.util.Optional<Instant>> nextDue() {
        return due.nextAfter(pool, clock.now());
    }

    /**
     * What a batch of claimed rungs sends and where each ladder moves, decided as of {@code at}: now, or the instant
     * staged rungs fall due (ReminderStaging).
     *
     * @param deliverable the notices to hand to their channels (those that do not join a digest)
     */
    record Planned(Instant at, List<NoticeIntent> intents, List<ReminderRungStore.Advance> advances,
                   Map<UUID, DigestNotice> digestOf, List<ClaimedNotice> deliverable, DispatchContext.Loaded ctx,
                   boolean anyRecovered) {

        /** Only the rungs in {@code kept} (staged rungs still held at their instant). */
        Planned onlyFor(Set<UUID> kept) {
            Set<UUID> notices = new HashSet<>();
            intents.stream().filter(n -> kept.contains(n.obligationId())).forEach(n -> notices.add(n.id()));
            return new Planned(at, intents.stream().filter(n -> notices.contains(n.id())).toList(),
                    advances.stream().filter(a -> kept.contains(a.id())).toList(), digestOf,
                    deliverable.stream().filter(n -> notices.contains(n.id())).toList(), ctx, anyRecovered);
        }
    }

    /** Rungs of the batch, planned: the intents of the steps that send, the digests they join, the ladders' moves. */
    Planned plan(List<ReminderRungStore.Due> list, Map<CaseRef, Map<String, Participant>> people, Instant now) {
        List<NoticeIntent> intents = new ArrayList<>();
        List<ReminderRungStore.Advance> advances = new ArrayList<>();
        Map<UUID, DispatchContext.ObligationFacts> facts = new HashMap<>();
        Map<UUID, Boolean> recovered = new HashMap<>();
        boolean catchingUp = list.stream().anyMatch(d -> d.bornPast() != null) && catchUp.catchingUp();
        for (ReminderRungStore.Due d : list) {
            facts.put(d.id(), new DispatchContext.ObligationFacts(d.id(), d.kind(), d.ruleId(), d.dueDate(),
                    ObligationStatus.OPEN, null));
            if (!d.open()) {
                advances.add(new ReminderRungStore.Advance(d.id(), null, null)); // closed meanwhile: clear the ladder away
                continue;
            }
            Policy policy = policies.get(d.authority());
            if (d.bornPast() != null && !d.recovered()) {
                // Born past (created already past this rung): it waits until the case has settled, re-checked here
                // with the case's last event time read in the claim. A recovered rung is not put off: its holder
                // decided to send it and died, so it goes now, the provider asked first (exactly once).
                java.util.Optional<Instant> wait = new SettleRule(policy.reminders().settle(), catchUpMaxWait, catchUpRecheck)
                        .waitUntil(now, d.bornPast(), d.lastEventAt(), catchingUp);
                if (wait.isPresent()) {
                    advances.add(new ReminderRungStore.Advance(d.id(), null, new ReminderStep(d.rung().key(), wait.get())));
                    continue;
                }
            }
            ReminderLadder.Plan plan = new ReminderLadder(policy.calendar(), policy.reminders())
                    .at(now, d.dueDate(), d.goodPracticeOn(), d.last());
            plan.sendNow().ifPresent(step -> {
                List<Participant> casePeople = new ArrayList<>(people.getOrDefault(d.ref(), Map.of()).values());
                for (NoticeIntent n : ReminderNotices.forStep(d.id(), d.ref(), d.ownerRole(), d.ownerParticipantId(),
                        step, casePeople, step.at())) {
                    intents.add(n);
                    recovered.put(n.id(), d.recovered());
                }
            });
            advances.add(new ReminderRungStore.Advance(d.id(), plan.sendNow().orElse(null), plan.next().orElse(null)));
        }
        Map<UUID, DigestNotice> digestOf = digests(intents, now);
        // A rung whose previous holder died counts as tried before, so the dispatcher asks the provider first.
        List<ClaimedNotice> deliverable = intents.stream()
                .filter(n -> n.status() == NoticeStatus.SCHEDULED && !digestOf.containsKey(n.id()))
                .map(n -> held(n, recovered.getOrDefault(n.id(), false))).toList();
        return new Planned(now, intents, advances, digestOf, deliverable, new DispatchContext.Loaded(people, facts),
                list.stream().anyMatch(ReminderRungStore.Due::recovered));
    }

    /**
     * Hands a planned batch's prepared notices to their channels (by {@code sendBy}), then records the notices in their
     * outcome's state and moves each ladder to its next rung, in one transaction as of {@code recordAt}.
     */
    Uni<Void> complete(Planned planned, List<Dispatcher.Prepared> prepared, Instant sendBy, Instant recordAt) {
        List<NoticeIntent> intents = planned.intents();
        Map<UUID, DigestNotice> digestOf = planned.digestOf();
        Map<UUID, NoticeIntent> byId = new HashMap<>();
        intents.forEach(n -> byId.put(n.id(), n));
        // A sent notice whose provider cannot be asked after a crash (SMTP) is recorded as its provider answers, in
        // group commits: a crash then resends only the sends in flight, never the batch. Texts are looked up at
        // Notify by reference instead, so they, and the rest, are recorded with the batch.
        GroupCommit<Outcome> sent = new GroupCommit<>(group -> recordSent(group, byId),
                f -> LOG.warnf("Sent reminders not recorded at once (%s); the batch records them", f.getClass().getSimpleName()));
        return alreadyRecorded(planned.deliverable(), planned.anyRecovered())
                .chain(recorded -> dispatcher.handOver(prepared.stream().filter(p -> !recorded.contains(p.notice().id())).toList(),
                        sendBy, o -> {
                            if (o.recordedAtOnce() && senders.forChannel(o.notice().channel()).recordAtOnce()) {
                                sent.add(o);
                            }
                            return Uni.createFrom().item(o);
                        }))
                .call(results -> sent.flush())
                .map(results -> {
                    Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
                    // Not sent because the rung's lease was nearly out: planned as a notice for the dispatcher to send
                    // (an attempt when the rung was recovered, so that the provider is still asked first).
                    results.forEach(o -> outcomes.put(o.notice().id(), o instanceof Outcome.Unsent u ? dispatcher.notHandedOver(u) : o));
                    return outcomes;
                })
                // Every notice of the batch is written once: a row already there (sent just now, or by a holder that
                // died) stays as it is.
                .chain(outcomes -> pool.withTransaction(c -> foldIntoDigests(c, intents, digestOf, planned.at())
                        .chain(written -> notices.insertDelivered(c, written, outcomes, recordAt)
                                .call(() -> notices.foldIntoDigests(c, folded(written, digestOf))))
                        .chain(settled -> receipts.add(c, settled, recordAt))
                        .chain(() -> due.advance(c, planned.advances()))));
    }

    /**
     * The rungs of councils on {@code reminders.delivery: digest} that join a digest rather than go on their own
     * ({@link DigestDay}), by rung notice: those to a professional by email, firing before the day's digest goes.
     */
    private Map<UUID, DigestNotice> digests(List<NoticeIntent> intents, Instant now) {
        Map<UUID, DigestNotice> out = new HashMap<>();
        for (NoticeIntent n : intents) {
            Policy policy = policies.get(n.authority());
            if (!policy.reminders().digest() || n.status() != NoticeStatus.SCHEDULED || n.channel() != Channel.EMAIL) {
                continue;
            }
            DigestDay days = new DigestDay(policy.calendar(), policy.reminders().at(), digestGather);
            days.forRungFiringAt(now).ifPresent(day -> out.put(n.id(), new DigestNotice(n.authority(), n.recipientId(),
                    n.recipientRole(), n.language(), day, days.sendAt(day))));
        }
        return out;
    }

    /**
     * Plans the digests the batch's rungs join (once each, whoever plans first) and locks those still open. A rung
     * whose digest is open is written SUPPRESSED {@code in-digest}; one whose digest a dispatcher has already taken
     * is queued to go on its own at once, so that nothing is left out of both.
     */
    private Uni<List<NoticeIntent>> foldIntoDigests(SqlConnection c, List<NoticeIntent> intents,
                                                    Map<UUID, DigestNotice> digestOf, Instant now) {
        if (digestOf.isEmpty()) {
            return Uni.createFrom().item(intents);
        }
        Map<UUID, DigestNotice> planned = new LinkedHashMap<>();
        digestOf.values().forEach(d -> planned.putIfAbsent(d.id(), d));
        return notices.planDigests(c, planned.values())
                .chain(() -> notices.lockOpenDigests(c, planned.keySet()))
                .map(open -> intents.stream().map(n -> {
                    DigestNotice digest = digestOf.get(n.id());
                    if (digest == null) {
                        return n;
                    }
                    return open.contains(digest.id()) ? n.as(NoticeStatus.SUPPRESSED, DigestNotice.IN_DIGEST, n.scheduledFor())
                            : n.as(NoticeStatus.SCHEDULED, null, now);
                }).toList());
    }

    /** The digest each rung written {@code in-digest} went into. */
    private static Map<UUID, UUID> folded(List<NoticeIntent> written, Map<UUID, DigestNotice> digestOf) {
        Map<UUID, UUID> out = new HashMap<>();
        for (NoticeIntent n : written) {
            if (n.status() == NoticeStatus.SUPPRESSED && DigestNotice.IN_DIGEST.equals(n.reason()) && digestOf.containsKey(n.id())) {
                out.put(n.id(), digestOf.get(n.id()).id());
            }
        }
        return out;
    }

    /**
     * The notices of a recovered rung that its previous holder recorded before it died: they went out and are
     * not sent again. Asked only when the batch holds a recovered rung.
     */
    private Uni<Set<UUID>> alreadyRecorded(List<ClaimedNotice> deliverable, boolean anyRecovered) {
        if (!anyRecovered || deliverable.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return notices.existing(pool, deliverable.stream().map(ClaimedNotice::id).toList());
    }

    /** One group of sent reminders, with their receipts; retried while the database is away, as the dispatcher's are. */
    private Uni<Void> recordSent(List<Outcome> group, Map<UUID, NoticeIntent> byId) {
        List<NoticeIntent> intents = new ArrayList<>();
        Map<UUID, Outcome> outcomes = new HashMap<>();
        for (Outcome o : group) {
            intents.add(byId.get(o.notice().id()));
            outcomes.put(o.notice().id(), o);
        }
        return Uni.createFrom().deferred(() -> {
                    Instant at = clock.now();
                    return pool.withTransaction(c -> notices.insertDelivered(c, intents, outcomes, at)
                            .chain(settled -> receipts.add(c, settled, at)));
                })
                .onFailure().invoke(reachability::failed)
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).expireIn(recordFor.toMillis());
    }

    Uni<Map<CaseRef, Map<String, Participant>>> people(List<ReminderRungStore.Due> list) {
        return participants.forCases(pool, list.stream().map(ReminderRungStore.Due::ref).distinct().toList())
                .map(DispatchContext::byCase);
    }

    /** A just-planned rung as the dispatcher holds a claimed notice: its first attempt, or a second if recovered. */
    private static ClaimedNotice held(NoticeIntent n, boolean recovered) {
        return new ClaimedNotice(n.id(), n.key(), n.caseId(), n.authority(), n.template(), n.channel(), n.recipientId(),
                n.recipientRole(), n.language(), recovered ? 2 : 1, n.scheduledFor(), n.obligationId(), null, null, n.data(), null);
    }

}
