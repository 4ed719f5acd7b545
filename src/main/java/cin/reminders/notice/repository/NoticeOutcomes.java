package cin.reminders.notice.repository;

import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.platform.DatabaseReachability;
import cin.reminders.platform.TransientFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import org.jboss.logging.Logger;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    private final NoticeWriter writer;
    private final DistributionCompletion completion;
    private final DatabaseReachability reachability;

    public NoticeOutcomes(NoticeWriter writer, DistributionCompletion completion, DatabaseReachability reachability) {
        this.reachability = reachability;
        this.writer = writer;
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
        List<Outcome> notSent = outcomes.stream().filter(o -> !(o instanceof Outcome.Sent)).toList();
        return update(c, notSent, now).chain(() -> finish(c, outcomes, followUps, now));
    }

    /**
     * What follows a batch whose outcomes are recorded: withdrawn notices deleted, follow-up notices
     * planned, distributions completed.
     */
    public Uni<Void> finish(SqlConnection c, List<Outcome> outcomes, List<NoticeIntent> followUps, Instant now) {
        UUID[] withdrawn = outcomes.stream().filter(o -> o instanceof Outcome.Withdrawn).map(o -> o.notice().id())
                .toArray(UUID[]::new);
        Map<String, String> authorityOfCase = outcomes.stream().map(Outcome::notice)
                .collect(Collectors.toMap(ClaimedNotice::caseId, ClaimedNotice::authority, (a, b) -> a));
        Set<String> groups = new TreeSet<>();
        outcomes.forEach(o -> {
            if (o.notice().group() != null && o.settled()) {
                groups.add(o.notice().group());
            }
        });
        return (withdrawn.length == 0 ? Uni.createFrom().voidItem()
                : c.preparedQuery("delete from notice where id = any($1) and status = 'SENDING'")
                .execute(Tuple.of((Object) withdrawn)).replaceWithVoid())
                .chain(() -> writer.insert(c, followUps, authorityOfCase::get, now))
                .chain(() -> completion.completeReady(c, groups, now));
    }

    /** Writes each outcome that {@linkplain Outcome#updatesRow updates its row} onto a notice still SENDING. */
    private Uni<Void> update(SqlConnection c, List<Outcome> all, Instant now) {
        List<Outcome> outcomes = all.stream().filter(Outcome::updatesRow).toList();
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = outcomes.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        OffsetDateTime[] nextAt = new OffsetDateTime[n];
        Integer[] refunds = new Integer[n];
        OffsetDateTime[] sentAt = new OffsetDateTime[n];
        OffsetDateTime[] failedAt = new OffsetDateTime[n];
        String[] providers = new String[n];
        String[] providerIds = new String[n];
        String[] reasons = new String[n];
        Integer[] fragments = new Integer[n];
        Boolean[] unicode = new Boolean[n];
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.notice().id();
            refunds[i] = 0;
            if (o instanceof Outcome.Sent s) {
                statuses[i] = "SENT";
                sentAt[i] = at;
                providers[i] = s.provider();
                providerIds[i] = s.providerId();
                fragments[i] = s.smsFragments();
                unicode[i] = s.smsUnicode();
            } else if (o instanceof Outcome.Retry r) {
                statuses[i] = "SCHEDULED";
                nextAt[i] = r.at().atOffset(ZoneOffset.UTC);
                refunds[i] = r.countsAsAttempt() ? 0 : 1;
                reasons[i] = r.reason();
            } else if (o instanceof Outcome.Failed f) {
                statuses[i] = "FAILED";
                failedAt[i] = at;
                reasons[i] = f.detail();
            }
        }
        return c.preparedQuery("""
                        update notice n set status = u.status,
                            next_attempt_at = coalesce(u.next_at, n.next_attempt_at),
                            attempts = n.attempts - u.refund,
                            sent_at = coalesce(u.sent_at, n.sent_at),
                            failed_at = coalesce(u.failed_at, n.failed_at),
                            provider = coalesce(u.provider, n.provider),
                            provider_id = coalesce(u.provider_id, n.provider_id),
                            reason = u.reason,
                            sms_fragments = coalesce(u.fragments, n.sms_fragments),
                            sms_unicode = coalesce(u.uni, n.sms_unicode),
                            claimed_by = null, claimed_until = null, updated_at = now()
                        from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int4[], $5::timestamptz[],
                                    $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::int4[], $11::bool[])
                            as u(id, status, next_at, refund, sent_at, failed_at, provider, provider_id, reason, fragments, uni)
                        where n.id = u.id and n.status = 'SENDING'
                        returning n.id, n.case_id, n.status""")
                .execute(Tuple.tuple(List.of(ids, statuses, nextAt, refunds, sentAt, failedAt, providers, providerIds,
                        reasons, fragments, unicode)))
                .chain(rows -> {
                    List<UUID> done = new ArrayList<>();
                    List<String> cases = new ArrayList<>();
                    List<String> finals = new ArrayList<>();
                    rows.forEach(r -> {
                        String status = r.getString("status");
                        if (!status.equals("SCHEDULED")) {
                            done.add(r.getUUID("id"));
                            cases.add(r.getString("case_id"));
                            finals.add(status);
                        }
                    });
                    return ReceiptOutbox.add(c, done, cases, finals, now);
                });
    }
}
