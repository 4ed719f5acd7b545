package cin.reminders.notice.service;

import cin.reminders.domain.delivery.RetryPolicy;
import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.notice.QuietHours;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.notice.channel.FailureDescription;
import cin.reminders.notice.channel.MessageSender;
import cin.reminders.notice.channel.Outbound;
import cin.reminders.notice.channel.Senders;
import cin.reminders.notice.channel.UkMobiles;
import cin.reminders.notice.render.MessageModels;
import cin.reminders.notice.render.NoticeRenderer;
import cin.reminders.notice.render.RenderedMessage;
import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.notice.repository.DispatchContext;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.repository.Outcome;
import cin.reminders.platform.ServiceClock;
import cin.reminders.notice.repository.TraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import cin.reminders.notice.config.NoticesConfig;
import org.jboss.logging.Logger;

/**
 * Sends due notices, a batch at a time: claim (leased, committed), render, send through the
 * channel's provider with bounded concurrency, record every outcome in one transaction. Transient
 * failures come back with exponential backoff and jitter, up to a bound; permanent ones are
 * recorded with the reason and followed up. Family texts wait out the quiet hours.
 */
@ApplicationScoped
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
    private final MeterRegistry metrics;
    private final QuietHours quietHours = QuietHours.standard();
    // Meters looked up once per tag set, not on every send (a registry lookup per notice showed in profiles).
    private final Map<String, Timer> meters = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.Counter> counters = new ConcurrentHashMap<>();
    private final Tracer tracer;
    private final String replica;
    private final int batchSize;
    private final int concurrency;
    private final int maxAttempts;
    private final Duration lease;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Duration recordFor;

    @Inject
    public Dispatcher(Pool pool, NoticeStore due, DispatchContext context, NoticeOutcomes outcomes, NoticeRenderer renderer,
                      Senders senders, PolicyRegistry policies, ServiceClock clock, MeterRegistry metrics, ReplicaId replica,
                      Tracer tracer, NoticesConfig config) {
        this(pool, due, context, outcomes, renderer, senders, policies, clock, metrics, replica, tracer, config.dispatch());
    }

    /** With other dispatch settings than the service's (tests: a second, differently sized dispatcher). */
    public Dispatcher(Pool pool, NoticeStore due, DispatchContext context, NoticeOutcomes outcomes, NoticeRenderer renderer,
                      Senders senders, PolicyRegistry policies, ServiceClock clock, MeterRegistry metrics, ReplicaId replica,
                      Tracer tracer, NoticesConfig.Dispatch dispatch) {
        this.recordFor = dispatch.recordFor();
        this.tracer = tracer;
        this.firstRetry = dispatch.firstRetry();
        this.maxRetry = dispatch.maxRetry();
        this.pool = pool;
        this.due = due;
        this.context = context;
        this.outcomes = outcomes;
        this.renderer = renderer;
        this.senders = senders;
        this.policies = policies;
        this.clock = clock;
        this.metrics = metrics;
        this.replica = replica.id();
        this.batchSize = dispatch.batchSize();
        this.concurrency = dispatch.concurrency();
        this.maxAttempts = dispatch.maxAttempts();
        this.lease = dispatch.lease();
    }

    /** Claims and sends one batch; the number claimed (0 when nothing is due). */
    public Uni<Batch> dispatchBatch() {
        Instant now = clock.now();
        return pool.withTransaction(c -> due.claim(c, replica, now, batchSize, lease))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(0)
                        : process(claimed, sendBy(now, lease)).replaceWith(claimed.size()))
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

    /** The last instant a notice leased at {@code claimedAt} may be handed to its provider ({@link RetryPolicy#sendBy}). */
    static Instant sendBy(Instant claimedAt, Duration lease) {
        return RetryPolicy.sendBy(claimedAt, lease);
    }

    private Uni<Void> process(List<ClaimedNotice> claimed, Instant sendBy) {
        return context.load(claimed).chain(ctx -> deliver(claimed, ctx, sendBy,
                // A sent notice is recorded as soon as its provider answers (see NoticeOutcomes#recordNow);
                // the others with the batch (NoticeOutcomes#recordUnsentAndFinish).
                o -> o instanceof Outcome.Sent ? outcomes.recordNow(pool, o, clock.now(), recordFor)
                        : Uni.createFrom().item(o)).chain(results -> {
            List<NoticeIntent> followUps = new ArrayList<>();
            for (Outcome o : results) {
                if (o instanceof Outcome.Failed f) {
                    ClaimedNotice n = f.notice();
                    FollowUps.after(n, f.reason(), ctx.participant(n.caseId(), n.recipientId()).orElse(null),
                            ctx.current(n.caseId(), Role.LEAD_PROFESSIONAL).orElse(null), clock.now())
                            .ifPresent(followUps::add);
                }
            }
            return pool.withTransaction(c -> outcomes.recordUnsentAndFinish(c, results, followUps, clock.now()));
        }));
    }

    /**
     * Renders and sends notices already held (claimed, or just planned by the reminder firing), with
     * bounded concurrency, and says what became of each; {@code onEach} sees every outcome as it comes.
     */
    public Uni<List<Outcome>> deliver(List<ClaimedNotice> notices, DispatchContext.Loaded ctx, Instant sendBy,
                                      Function<Outcome, Uni<Outcome>> onEach) {
        LocalDate today = clock.today();
        Instant now = clock.now();
        // Rendering is CPU work: off the event loop, the batch in one task.
        return Uni.createFrom().item(() -> notices.stream().map(n -> prepare(n, ctx, now, today)).toList())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain((List<Prepared> prepared) -> Multi.createFrom().iterable(prepared)
                        .onItem().transformToUni(p -> send(p, sendBy).chain(o -> onEach.apply(o))).merge(concurrency)
                        .collect().asList())
                .invoke(results -> results.forEach(this::count));
    }

    public Uni<List<Outcome>> deliver(List<ClaimedNotice> notices, DispatchContext.Loaded ctx, Instant sendBy) {
        return deliver(notices, ctx, sendBy, o -> Uni.createFrom().item(o));
    }

    /** A notice ready to go out, or already decided (failed, waiting, withdrawn). */
    private record Prepared(ClaimedNotice notice, Outbound outbound, MessageSender sender, Outcome decided, Instant claimedAt) {
    }

    private Prepared prepare(ClaimedNotice n, DispatchContext.Loaded ctx, Instant now, LocalDate today) {
        try {
            if (isReminder(n.template()) && n.obligationId() != null) {
                DispatchContext.ObligationFacts o = ctx.obligations().get(n.obligationId());
                if (o == null || o.status() != ObligationStatus.OPEN) {
                    return decided(n, new Outcome.Withdrawn(n));
                }
            }
            Optional<Participant> recipient = ctx.participant(n.caseId(), n.recipientId());
            if (recipient.isEmpty()) {
                return decided(n, new Outcome.Failed(n, FailureReason.NO_CONTACT, "the recipient is no longer on the case"));
            }
            if (n.channel() == Channel.SMS && n.template().isFamilyNotice() && n.recipientRole().isFamily()
                    && quietHours.isQuiet(now)) {
                return decided(n, new Outcome.Retry(n, quietHours.nextAllowed(now), "waiting for 08:00 (quiet hours)", false));
            }
            Optional<String> address = n.channel() == Channel.EMAIL ? recipient.get().emailAddress()
                    : recipient.get().mobileNumber().flatMap(UkMobiles::normalise);
            if (address.isEmpty()) {
                boolean hasMobile = n.channel() == Channel.SMS && recipient.get().mobileNumber().isPresent();
                return decided(n, new Outcome.Failed(n, hasMobile ? FailureReason.INVALID_MOBILE : FailureReason.NO_CONTACT,
                        hasMobile ? "not a valid UK mobile number" : "no " + (n.channel() == Channel.SMS ? "mobile number" : "email address") + " on record"));
            }
            Policy policy = policies.get(n.authority());
            RenderedMessage content = renderer.render(MessageModels.build(n, recipient.get(), ctx, policy, today), n.channel());
            return new Prepared(n, new Outbound(n.id(), n.channel(), address.get(), content), senders.forChannel(n.channel()),
                    null, now);
        } catch (RuntimeException e) {
            LOG.errorf("Notice %s (%s) could not be prepared: %s", n.id(), n.template().id(), e.getClass().getSimpleName());
            return decided(n, new Outcome.Failed(n, FailureReason.REJECTED, "could not be prepared: " + e.getClass().getSimpleName()));
        }
    }

    private static Prepared decided(ClaimedNotice n, Outcome o) {
        return new Prepared(n, null, null, o, null);
    }

    private static boolean isReminder(NoticeTemplate t) {
        return t == NoticeTemplate.OBLIGATION_REMINDER || t == NoticeTemplate.OBLIGATION_OVERDUE;
    }

    private Uni<Outcome> send(Prepared p, Instant sendBy) {
        if (p.decided() != null) {
            return Uni.createFrom().item(p.decided());
        }
        ClaimedNotice n = p.notice();
        if (clock.now().isAfter(sendBy)) {
            return Uni.createFrom().item(new Outcome.Unsent(n)); // the lease is nearly out: recovery sends it
        }
        Timer.Sample sample = Timer.start(metrics);
        // The send is its own span, linked to the ingest that planned the notice (ingest → schedule → dispatch).
        Span span = tracer.spanBuilder("notice send")
                .addLink(TraceContext.parse(n.traceparent()))
                .setAttribute("cin.notice.template", n.template().id())
                .setAttribute("cin.notice.channel", n.channel().name())
                .setAttribute("cin.case.id", n.caseId())
                .startSpan();
        return lookUpBeforeResending(p).chain(found -> found != null ? Uni.createFrom().item(found)
                : p.sender().send(p.outbound())).map(result -> {
            sample.stop(meters.computeIfAbsent("send|" + n.channel() + "|" + p.sender().provider(), k -> metrics.timer(
                    "cin.notices.send", "channel", n.channel().name(), "provider", p.sender().provider())));
            Outcome outcome = toOutcome(n, p, result);
            span.setAttribute("cin.notice.outcome", outcome.getClass().getSimpleName());
            if (outcome instanceof Outcome.Sent) {
                // From when it was due to when the provider had it: what "on time" means for a notice.
                meters.computeIfAbsent("latency|" + n.channel(), k -> metrics.timer("cin.notices.dispatch.latency",
                        "channel", n.channel().name())).record(Duration.between(n.scheduledFor(), clock.now()).abs());
            }
            return outcome;
        }).onTermination().invoke(span::end);
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

    private Outcome toOutcome(ClaimedNotice n, Prepared p, SendResult result) {
        if (result instanceof SendResult.Sent s) {
            RenderedMessage c = p.outbound().content();
            return new Outcome.Sent(n, s.provider(), s.providerId(),
                    n.channel() == Channel.SMS ? c.smsFragments() : null, n.channel() == Channel.SMS ? c.smsUnicode() : null);
        }
        if (result instanceof SendResult.RateLimited r) {
            return new Outcome.Retry(n, clock.now().plus(r.retryAfter()), "rate limited by the provider", false);
        }
        if (result instanceof SendResult.Permanent f) {
            LOG.warnf("Notice %s (%s by %s) failed for good: %s", n.id(), n.template().id(), n.channel(), f.detail());
            return new Outcome.Failed(n, f.reason(), f.detail());
        }
        SendResult.Transient t = (SendResult.Transient) result;
        if (n.attempts() >= maxAttempts) {
            LOG.warnf("Notice %s gave up after %d attempts: %s", n.id(), n.attempts(), t.detail());
            return new Outcome.Failed(n, FailureReason.GAVE_UP, "gave up after " + n.attempts() + " attempts: " + t.detail());
        }
        return new Outcome.Retry(n, clock.now().plus(backoff(n.attempts(), firstRetry, maxRetry)), "retrying: " + t.detail(), true);
    }

    /** By default 30 s, 1 min, 2 min... capped at 5 min, each ±20% ({@link RetryPolicy#backoff}). */
    static Duration backoff(int attempts, Duration first, Duration max) {
        return RetryPolicy.backoff(attempts, first, max, ThreadLocalRandom.current().nextDouble());
    }

    private void count(Outcome o) {
        String status = o instanceof Outcome.Sent ? "SENT" : o instanceof Outcome.Failed ? "FAILED"
                : o instanceof Outcome.Retry ? "RETRY" : o instanceof Outcome.Unsent ? "UNSENT" : "WITHDRAWN";
        counters.computeIfAbsent(o.notice().channel() + "|" + status + "|" + o.notice().template().id(),
                k -> metrics.counter("cin.notices.dispatched", "channel", o.notice().channel().name(), "status", status,
                        "template", o.notice().template().id())).increment();
    }
}
