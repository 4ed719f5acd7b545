package cin.reminders.notice.service;

import cin.reminders.notice.channel.MessageSender;
import cin.reminders.notice.channel.Senders;
import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.notice.repository.DueNotices;
import cin.reminders.notice.repository.NoticeOutcomes;
import cin.reminders.notice.repository.Outcome;
import cin.reminders.platform.DatabaseReachability;
import cin.reminders.platform.ServiceClock;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Closes the crash window between "the provider accepted it" and "we recorded it as sent". A
 * notice still SENDING when its lease runs out belonged to a dispatcher that died: before it goes
 * back in the queue, the provider is asked whether it has the notice already (Notify, by
 * {@code reference}; the demo outbox, by file). If it does, the notice is recorded as sent, not
 * sent again. SMTP cannot be asked: such an email is sent again, under the same Message-ID. Nothing is
 * recovered until the database has been reachable for {@code notices.dispatch.recovery-grace}: a
 * lease that ran out during an outage belongs to a dispatcher that is still recording its sends.
 */
@ApplicationScoped
public class LeaseRecovery {

    private static final Logger LOG = Logger.getLogger(LeaseRecovery.class);
    private final Pool pool;
    private final DueNotices due;
    private final Senders senders;
    private final NoticeOutcomes outcomes;
    private final ServiceClock clock;
    private final DatabaseReachability reachability;
    private final Duration grace;

    public LeaseRecovery(Pool pool, DueNotices due, Senders senders, NoticeOutcomes outcomes, ServiceClock clock,
                         DatabaseReachability reachability,
                         @ConfigProperty(name = "notices.dispatch.recovery-grace", defaultValue = "PT15S") Duration grace) {
        this.reachability = reachability;
        this.grace = grace;
        this.pool = pool;
        this.due = due;
        this.senders = senders;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public Uni<Integer> recover() {
        if (!reachability.steadyFor(grace)) {
            // Just after a database outage the leases that ran out meanwhile are not yet abandoned: their
            // dispatchers are recording what they sent while the database was away (NoticeOutcomes#recordNow).
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(c -> due.expiredLeases(c, clock.now(), 200).chain(expired -> {
            if (expired.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            LOG.warnf("Recovering %d notices whose dispatcher stopped mid-send", expired.size());
            return Multi.createFrom().iterable(expired)
                    .onItem().transformToUni(this::decide).merge(8)
                    .collect().asList()
                    .chain((List<Outcome> decided) -> outcomes.record(c,
                            decided.stream().filter(java.util.Objects::nonNull).toList(), List.of(), clock.now()))
                    .replaceWith(expired.size());
        }));
    }

    private Uni<Outcome> decide(ClaimedNotice n) {
        MessageSender sender = senders.forChannel(n.channel());
        if (!sender.canLookUp()) {
            return Uni.createFrom().item(new Outcome.Retry(n, clock.now(), "resent after a dispatcher stopped", false));
        }
        return sender.acceptedAlready(n.id())
                .<Outcome>map(found -> found.<Outcome>map(id -> new Outcome.Sent(n, sender.provider(), id, null, null))
                        .orElseGet(() -> new Outcome.Retry(n, clock.now(), "not found at the provider; sending again", false)))
                // Cannot tell yet: leave it leased-out (SENDING) and ask again on the next round, never resend blindly.
                .onFailure().recoverWithNull();
    }
}
