package cin.reminders.notice.service;

import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.repository.Outcome;
import cin.reminders.notice.repository.ReceiptOutboxStore;
import cin.reminders.platform.DatabaseReachability;
import cin.reminders.platform.TransientFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import org.jboss.logging.Logger;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records dispatch outcomes: each notice's new state with its receipt in the outbox, then any
 * follow-up notices (an email instead of a failed text, the lead professional's contact-failed) and
 * the distributions that are now complete.
 */
@ApplicationScoped
public class NoticeOutcomes {

    private static final Logger LOG = Logger.getLogger(NoticeOutcomes.class);

    private final NoticeStore notices;
    private final ReceiptOutboxStore receipts;
    private final PlannedNotices planned;
    private final DistributionCompletion completion;
    private final DatabaseReachability reachability;

    public NoticeOutcomes(NoticeStore notices, ReceiptOutboxStore receipts, PlannedNotices planned,
                          DistributionCompletion completion, DatabaseReachability reachability) {
        this.planned = planned;
        this.reachability = reachability;
        this.notices = notices;
        this.receipts = receipts;
        this.completion = completion;
    }


    /**
     * Records one outcome the moment the provider has answered, in its own short transaction with its
     * receipt: the window in which a crash could leave a sent notice unrecorded (and so, for SMTP, sent
     * again) is the time between the provider's reply and this statement, not a whole batch. While the
     * database is unreachable it keeps trying for {@code within}; lease recovery leaves the notice alone
     * until the database has been back for a while (LeaseRecovery), so the record wins the race.
     */
    public Uni<Outcome> recordNow(Pool pool, Outcome outcome, Instant now, Duration within) {
        return pool.withTransaction(c -> update(c, List.of(outcome), now))
                .onFailure().invoke(reachability::failed)
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).expireIn(within.toMillis())
                .onFailure().invoke(f -> LOG.warnf("Outcome of notice %s not recorded (%s); its lease will recover it",
                        outcome.notice().id(), f.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .replaceWith(outcome);
    }

    /**
     * Ends a dispatcher batch whose sent notices were recorded one by one ({@link #recordNow}): the
     * rest (not sent: to retry, failed, withdrawn) in one statement, then what follows the batch. Only
     * a sent notice needs recording the moment it is sent; one that was not sent is simply tried again
     * if this never commits. During a provider outage every notice of a batch lands here, so the batch
     * costs one transaction rather than one per notice.
     */
    public Uni<Void> recordUnsentAndFinish(SqlConnection c, List<Outcome> outcomes, List<NoticeIntent> followUps,
                                           Instant now) {
        List<Outcome> notSent = outcomes.stream().filter(o -> !o.recordedAtOnce()).toList();
        return update(c, notSent, now).chain(() -> finish(c, outcomes, followUps, now));
    }

    /**
     * What follows a batch whose outcomes are recorded: withdrawn notices deleted, follow-up notices
     * planned, distributions completed.
     */
    public Uni<Void> finish(SqlConnection c, List<Outcome> outcomes, List<NoticeIntent> followUps, Instant now) {
        UUID[] withdrawn = outcomes.stream().filter(Outcome::deletesRow).map(o -> o.notice().id())
                .toArray(UUID[]::new);
        Set<String> groups = new TreeSet<>();
        outcomes.forEach(o -> {
            if (o.notice().group() != null && o.settled()) {
                groups.add(o.notice().group());
            }
        });
        return notices.deleteLeased(c, withdrawn)
                .chain(() -> planned.record(c, followUps, now))
                .chain(() -> completion.completeReady(c, groups, now));
    }

    /** Records the outcomes that update their rows, with the receipts of those now settled. */
    private Uni<Void> update(SqlConnection c, List<Outcome> outcomes, Instant now) {
        return notices.record(c, outcomes, now).chain(settled -> receipts.add(c, settled, now));
    }
}
