package cin.reminders.notice.service;

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
import cin.reminders.notice.repository.DueReminders;
import cin.reminders.notice.repository.NoticeWriter;
import cin.reminders.notice.repository.Outcome;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.ParticipantRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    private final DueReminders due;
    private final NoticeWriter writer;
    private final Dispatcher dispatcher;
    private final PolicyRegistry policies;
    private final ServiceClock clock;
    private final String replica;
    private final int batchSize;
    private final Duration lease;

    public ReminderFiring(Pool pool, DueReminders due, NoticeWriter writer, Dispatcher dispatcher,
                          PolicyRegistry policies, ServiceClock clock, ReplicaId replica,
                          @ConfigProperty(name = "notices.reminders.batch-size", defaultValue = "1000") int batchSize,
                          @ConfigProperty(name = "notices.dispatch.lease", defaultValue = "PT2M") Duration lease) {
        this.pool = pool;
        this.due = due;
        this.writer = writer;
        this.dispatcher = dispatcher;
        this.policies = policies;
        this.clock = clock;
        this.replica = replica.id();
        this.batchSize = batchSize;
        this.lease = lease;
    }

    /** One batch; the number of ladders that moved. */
    public Uni<Integer> fireBatch() {
        Instant now = clock.now();
        return due.claim(pool, replica, now, now.plus(lease), batchSize).chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return people(list).chain(people -> fire(list, people, now, Dispatcher.sendBy(now, lease))).replaceWith(list.size());
        });
    }

    /** When the next rung falls due (after now), if any. */
    public Uni<java.util.Optional<Instant>> nextDue() {
        return due.nextAfter(pool, clock.now());
    }

    private Uni<Void> fire(List<DueReminders.Due> list, Map<String, Map<String, Participant>> people, Instant now,
                           Instant sendBy) {
        List<NoticeIntent> intents = new ArrayList<>();
        List<DueReminders.Advance> advances = new ArrayList<>();
        Map<String, String> authorities = new HashMap<>();
        Map<UUID, DispatchContext.ObligationFacts> facts = new HashMap<>();
        Map<UUID, Boolean> recovered = new HashMap<>();
        for (DueReminders.Due d : list) {
            authorities.put(d.caseId(), d.authority());
            facts.put(d.id(), new DispatchContext.ObligationFacts(d.id(), d.kind(), d.ruleId(), d.dueDate(),
                    ObligationStatus.OPEN, null));
            if (!d.open()) {
                advances.add(new DueReminders.Advance(d.id(), null, null)); // closed meanwhile: clear the ladder away
                continue;
            }
            Policy policy = policies.get(d.authority());
            ReminderLadder.Plan plan = new ReminderLadder(policy.calendar(), policy.reminders())
                    .at(now, d.dueDate(), d.goodPracticeOn(), d.last());
            plan.sendNow().ifPresent(step -> {
                List<Participant> casePeople = new ArrayList<>(people.getOrDefault(d.caseId(), Map.of()).values());
                for (NoticeIntent n : ReminderNotices.forStep(d.id(), d.caseId(), d.ownerRole(), d.ownerParticipantId(),
                        step, casePeople, step.at())) {
                    intents.add(n);
                    recovered.put(n.id(), d.recovered());
                }
            });
            advances.add(new DueReminders.Advance(d.id(), plan.sendNow().orElse(null), plan.next().orElse(null)));
        }
        // A rung whose previous holder died counts as tried before, so the dispatcher asks the provider first.
        List<ClaimedNotice> deliverable = intents.stream().filter(n -> n.status() == NoticeStatus.SCHEDULED)
                .map(n -> held(n, authorities.get(n.caseId()), recovered.getOrDefault(n.id(), false))).toList();
        DispatchContext.Loaded ctx = new DispatchContext.Loaded(people, facts);
        return dispatcher.deliver(deliverable, ctx, sendBy)
                .map(results -> {
                    Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
                    // Not sent because the rung's lease was nearly out: planned as a notice for the dispatcher to send
                    // (an attempt when the rung was recovered, so that the provider is still asked first).
                    results.forEach(o -> outcomes.put(o.notice().id(), o instanceof Outcome.Unsent u
                            ? new Outcome.Retry(u.notice(), clock.now(), "the reminder batch ran out of time",
                                    u.notice().attempts() > 1) : o));
                    return outcomes;
                })
                .chain(outcomes -> pool.withTransaction(c -> writer.insertDelivered(c, intents, outcomes, authorities::get, now)
                        .chain(() -> due.advance(c, advances))));
    }

    private Uni<Map<String, Map<String, Participant>>> people(List<DueReminders.Due> list) {
        String[] cases = list.stream().map(DueReminders.Due::caseId).distinct().toArray(String[]::new);
        return pool.preparedQuery("select * from participant where case_id = any($1) order by case_id, position")
                .execute(Tuple.of((Object) cases))
                .map(rows -> {
                    Map<String, Map<String, Participant>> m = new HashMap<>();
                    rows.forEach(r -> m.computeIfAbsent(r.getString("case_id"), k -> new LinkedHashMap<>())
                            .put(r.getString("participant_id"), ParticipantRows.participant(r)));
                    return m;
                });
    }

    /** A just-planned rung as the dispatcher holds a claimed notice: its first attempt, or a second if recovered. */
    private static ClaimedNotice held(NoticeIntent n, String authority, boolean recovered) {
        return new ClaimedNotice(n.id(), n.key(), n.caseId(), authority, n.template(), n.channel(), n.recipientId(),
                n.recipientRole(), n.language(), recovered ? 2 : 1, n.scheduledFor(), n.obligationId(), null, null, n.data(), null);
    }

}
