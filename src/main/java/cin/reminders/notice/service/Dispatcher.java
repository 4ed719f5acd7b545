package cin.reminders.notice.service;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.domain.delivery.AttemptDecision;
import cin.reminders.domain.delivery.DeliveryDecision;
import cin.reminders.domain.delivery.DeliveryPolicy;
import cin.reminders.domain.delivery.PendingNotice;
import cin.reminders.domain.delivery.RetryPolicy;
import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.delivery.Verdict;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.Post;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.domain.policy.Postage;
import cin.reminders.notice.channel.FailureDescription;
import cin.reminders.notice.channel.MessageSender;
import cin.reminders.notice.channel.Outbound;
import cin.reminders.notice.channel.Senders;
import cin.reminders.notice.config.NoticesConfig;
import cin.reminders.notice.render.MessageModels;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.notice.render.NoticeRenderer;
import cin.reminders.notice.render.RenderedMessage;
import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.notice.repository.DispatchContext;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.repository.Outcome;
import cin.reminders.platform.ServiceClock;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Sends due notices, a batch at a time: claim (leased, committed), decide, render, send through the
 * channel's provider with bounded concurrency, record every outcome. A thin pipeline over the core's
 * decisions: {@link DeliveryPolicy} says whether and where a notice goes (withdrawn, recipient gone,
 * quiet hours, channel and address), {@link RetryPolicy} what a provider's answer makes of it (sent,
 * retried with backoff, failed, given up) and what a fault of ours makes of it (held and retried, never
 * the family's failure). The channels carry their own meters and spans (Senders).
 */
@ApplicationScoped
@Startup // built at start-up: retry settings that cannot work (RetryPolicy) stop the service, rather than every batch
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final Pool pool;
    private final NoticeStore due;
    private final DispatchContext context;
    private final NoticeOutcomes outcomes;
    private final NoticeRenderer renderer;
    private final Senders senders;
    private final PolicyRegistry policies;
    private final ServiceClock clock;
    private final DispatchMetrics metrics;
    private final DeliveryPolicy delivery = DeliveryPolicies.delivery();
    private final RetryPolicy retry;
    private final String replica;
    private final int batchSize;
    private final int concurrency;
    private final Duration lease;
    private final Duration recordFor;

    @Inject
    public Dispatcher(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, NoticeStore due, DispatchContext context, NoticeOutcomes outcomes, NoticeRenderer renderer,
                      Senders senders, PolicyRegistry policies, ServiceClock clock, DispatchMetrics metrics, ReplicaId replica,
                      NoticesConfig config) {
        this(pool, due, context, outcomes, renderer, senders, policies, clock, metrics, replica, config.dispatch());
    }

    /** With other dispatch settings than the service's (tests: a second, differently sized dispatcher). */
    public Dispatcher(Pool pool, NoticeStore due, DispatchContext context, NoticeOutcomes outcomes, NoticeRenderer renderer,
                      Senders senders, PolicyRegistry policies, ServiceClock clock, DispatchMetrics metrics, ReplicaId replica,
                      NoticesConfig.Dispatch settings) {
        this.pool = pool;
        this.due = due;
        this.context = context;
        this.outcomes = outcomes;
        this.renderer = renderer;
        this.senders = senders;
        this.policies = policies;
        this.clock = clock;
        this.metrics = metrics;
        this.retry = DeliveryPolicies.retry(settings);
        this.replica = replica.id();
        this.batchSize = settings.batchSize();
        this.concurrency = settings.concurrency();
        this.lease = settings.lease();
        this.recordFor = settings.recordFor();
    }

    /** Claims and sends one batch; the number claimed (0 when nothing is due). */
    public Uni<Batch> dispatchBatch() {
        Instant now = clock.now();
        return pool.withTransaction(c -> due.claim(c, replica, now, batchSize, lease))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(0)
                        : process(claimed, retry.sendBy(now)).replaceWith(claimed.size()))
                .map(Batch::untilEmpty);
    }

    /** When the next scheduled notice falls due (after now), if any. */
    public Uni<Optional<Instant>> nextDue() {
        return due.nextAfter(pool, clock.now());
    }

    /**
     * Gives back whatever this replica still holds (a graceful stop, once the batches in flight have
     * finished), so another replica sends it at once instead of waiting for the lease to run out. The
     * number given back.
     */
    public int releaseHeld() {
        return due.releaseHeldBy(pool, replica).await().atMost(Duration.ofSeconds(5));
    }

    private Uni<Void> process(List<ClaimedNotice> claimed, Instant sendBy) {
        return context.load(claimed).chain(ctx -> deliver(claimed, ctx, sendBy,
                // A sent notice is recorded as soon as its provider answers (NoticeOutcomes#recordNow);
                // the others with the batch (NoticeOutcomes#recordUnsentAndFinish).
                o -> o.recordedAtOnce() ? outcomes.recordNow(pool, o, clock.now(), recordFor)
                        : Uni.createFrom().item(o)).chain(results -> {
            List<NoticeIntent> followUps = new ArrayList<>();
            for (Outcome o : results) {
                // A digest that failed has no case to tell a lead professional about: its failure is its record.
                if (o instanceof Outcome.Failed f && !f.notice().template().isPersonal()) {
                    ClaimedNotice n = f.notice();
                    FollowUps.after(n, f.reason(), ctx.participant(n.ref(), n.recipientId()).orElse(null),
                            ctx.current(n.ref(), Role.LEAD_PROFESSIONAL).orElse(null),
                            Post.of(policies.get(n.authority()), n.template(), n.data(), clock.today()), clock.now())
                            .ifPresent(followUps::add);
                }
            }
            return pool.withTransaction(c -> outcomes.recordUnsentAndFinish(c, results, followUps, clock.now()));
        }));
    }

    /**
     * Decides, renders and sends notices already held (claimed, or just planned by the reminder firing),
     * with bounded concurrency, and says what became of each; {@code onEach} sees every outcome as it comes.
     */
    public Uni<List<Outcome>> deliver(List<ClaimedNotice> notices, DispatchContext.Loaded ctx, Instant sendBy,
                                      Function<Outcome, Uni<Outcome>> onEach) {
        return prepare(notices, ctx, clock.now()).chain(prepared -> handOver(prepared, sendBy, onEach));
    }

    /**
     * Decides and renders notices already held, as of {@code at}: now, or the instant a staged reminder falls due
     * (quiet hours, the day's postage and the wording are those of the moment it goes).
     */
    public Uni<List<Prepared>> prepare(List<ClaimedNotice> notices, DispatchContext.Loaded ctx, Instant at) {
        LocalDate day = ServiceClock.dayOf(at);
        // Rendering is CPU work: off the event loop, the batch in one task.
        return Uni.createFrom().item(() -> notices.stream().map(n -> prepare(n, ctx, at, day)).toList())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Hands prepared notices to their providers, with bounded concurrency; {@code onEach} sees every outcome as it comes. */
    public Uni<List<Outcome>> handOver(List<Prepared> prepared, Instant sendBy, Function<Outcome, Uni<Outcome>> onEach) {
        return Multi.createFrom().iterable(prepared)
                .onItem().transformToUni(p -> send(p, sendBy).chain(o -> onEach.apply(o))).merge(concurrency)
                .collect().asList()
                .invoke(results -> results.forEach(metrics::outcome));
    }

    /** The deadline by which a batch leased now must have handed its notices to their providers. */
    Instant sendDeadline(Instant leasedAt) {
        return retry.sendBy(leasedAt);
    }

    /** The last instant a notice leased at {@code claimedAt} may be handed to its provider ({@link RetryPolicy#sendBy}). */
    static Instant sendBy(Instant claimedAt, Duration lease) {
        return RetryPolicy.sendBy(claimedAt, lease);
    }

    /** What a reminder rung not handed over in time becomes: queued for this dispatcher, an attempt if tried before. */
    Outcome notHandedOver(Outcome.Unsent u) {
        Verdict.Retry r = retry.notHandedOver(u.notice().attempts(), clock.now(), "the reminder batch ran out of time");
        return new Outcome.Retry(u.notice(), r.at(), r.reason(), r.countsAsAttempt());
    }

    /** A notice ready to go out (with its channel and message), or already decided. */
    public record Prepared(ClaimedNotice notice, Outbound outbound, MessageSender sender, Outcome decided) {

        static Prepared decided(Outcome o) {
            return new Prepared(o.notice(), null, null, o);
        }

        /**
         * The heap around a prepared notice's text: its notice, rung, plan, message and their strings. Measured: 26,000
         * staged reminder emails of about 2,600 characters each held 117 MiB (4.7 KB each), 2.1 KB of it beyond the
         * text (bench/FINDINGS.md, issue 15).
         */
        static final long OVERHEAD_BYTES = 2048;

        /** Roughly the heap it holds, in bytes (staging's budget is a share of the heap). */
        public long size() {
            return outbound == null ? 256 : OVERHEAD_BYTES + outbound.content().textBytes();
        }
    }

    private Prepared prepare(ClaimedNotice n, DispatchContext.Loaded ctx, Instant now, LocalDate today) {
        Optional<Participant> recipient = ctx.recipient(n);
        if (n.template() == NoticeTemplate.DAILY_DIGEST && ctx.digest(n.id()).isEmpty()) {
            // Nothing due and nothing overdue by the time it goes (the work was done meanwhile): no digest (CONTRACT-2 §7).
            return Prepared.decided(new Outcome.Withdrawn(n));
        }
        Policy policy = policies.get(n.authority());
        DeliveryDecision decision = delivery.decide(new PendingNotice(n.template(), n.channel(), n.recipientRole(),
                        n.obligationId(), Post.of(policy, n.template(), n.data(), today)),
                Optional.ofNullable(n.obligationId()).map(ctx.obligations()::get).map(DispatchContext.ObligationFacts::status),
                recipient, now);
        if (decision instanceof DeliveryDecision.Send send) {
            MessageSender sender = senders.forChannel(send.channel());
            RenderedMessage content;
            try {
                content = renderer.render(
                        MessageModels.build(n, recipient.orElseThrow(), ctx, policy, today), send.channel());
            } catch (RuntimeException e) {
                return Prepared.decided(heldForOurFault(n, e, now));
            }
            Postage postage = send.channel() == Channel.LETTER ? policy.letters().postage() : null;
            return new Prepared(n, new Outbound(n.id(), send.channel(), send.address(), content, n.template(), n.caseId(),
                    n.traceparent(), postage), sender, null);
        }
        return Prepared.decided(outcome(n, decision, null));
    }


    /**
     * A fault of ours (a template that does not render, data we cannot read): logged with its stack trace
     * and counted, and the notice held and retried, never recorded as the family being unreachable.
     */
    private Outcome heldForOurFault(ClaimedNotice n, RuntimeException e, Instant now) {
        LOG.errorf(e, "Notice %s (%s) could not be prepared; it is held and tried again", n.id(), n.template().id());
        metrics.internalFault(n, e);
        Verdict.Retry held = retry.heldForOurFault(e, now).asRetry();
        return new Outcome.Retry(n, held.at(), held.reason(), held.countsAsAttempt());
    }

    private Uni<Outcome> send(Prepared p, Instant sendBy) {
        if (p.decided() != null) {
            return Uni.createFrom().item(p.decided());
        }
        ClaimedNotice n = p.notice();
        if (clock.now().isAfter(sendBy)) {
            return Uni.createFrom().item(new Outcome.Unsent(n)); // the lease is nearly out: recovery sends it
        }
        return lookUpBeforeResending(p)
                .chain(found -> found != null ? Uni.createFrom().item(found) : p.sender().send(p.outbound()))
                .map(result -> outcome(n, retry.after(result, n.attempts(), clock.now()), p.outbound().content()));
    }


    /**
     * A notice tried before may have reached the provider although the attempt failed (a timeout or a
     * reset after the request went out, a 5xx after it was stored) or its dispatcher died before
     * recording it (LeaseRecovery): where the provider can be asked, it is asked before the message
     * goes again. Null when it does not have it.
     */
    private Uni<SendResult> lookUpBeforeResending(Prepared p) {
        if (p.notice().attempts() <= 1 || !p.sender().canLookUp()) {
            return Uni.createFrom().nullItem();
        }
        return p.sender().acceptedAlready(p.notice().id())
                .<SendResult>map(found -> found.<SendResult>map(id -> new SendResult.Sent(p.sender().provider(), id)).orElse(null))
                .onFailure().recoverWithItem(f -> new SendResult.Transient("look-up before resending: " + FailureDescription.of(f)));
    }

    /** The core's verdict as the notice's outcome. */
    private Outcome outcome(ClaimedNotice n, Verdict verdict, RenderedMessage content) {
        if (verdict instanceof AttemptDecision.Sent s) {
            Instant accepted = clock.now();
            metrics.accepted(n, accepted);
            boolean sms = n.channel() == Channel.SMS;
            return new Outcome.Sent(n, s.provider(), s.providerId(), sms ? content.smsFragments() : null,
                    sms ? content.smsUnicode() : null, accepted);
        }
        if (verdict instanceof Verdict.Retry r) {
            return new Outcome.Retry(n, r.at(), r.reason(), r.countsAsAttempt());
        }
        if (verdict instanceof Verdict.Fail f) {
            if (content != null) { // the provider's answer, or giving up: worth a line (ids and the reason only)
                LOG.warnf("Notice %s (%s by %s) failed for good: %s", n.id(), n.template().id(), n.channel(), f.detail());
            }
            return new Outcome.Failed(n, f.reason(), f.detail());
        }
        if (verdict instanceof DeliveryDecision.Withdraw) {
            return new Outcome.Withdrawn(n);
        }
        throw new IllegalStateException("no outcome for " + verdict); // Send is handled where the notice is rendered
    }
}
