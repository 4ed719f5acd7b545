package cin.reminders.notice.service;

import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.notice.repository.DistributionCompletion;
import cin.reminders.notice.repository.NoticeWriter;
import cin.reminders.notice.repository.ReceiptOutbox;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.problem.NotFoundProblem;
import cin.reminders.platform.sql.ParticipantRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies GOV.UK Notify delivery receipts: {@code created}, {@code sending}, {@code pending} and
 * {@code sent} read as SENT; {@code delivered} as DELIVERED; the three failures as FAILED, which
 * brings the same follow-up as a failure at sending (an email instead, or the lead professional
 * told). A receipt never moves a notice backwards.
 */
@ApplicationScoped
public class DeliveryReceipts {

    private static final Logger LOG = Logger.getLogger(DeliveryReceipts.class);
    static final Set<String> SENT = Set.of("created", "sending", "pending", "sent");
    static final Set<String> FAILED = Set.of("permanent-failure", "temporary-failure", "technical-failure");

    private final Pool pool;
    private final NoticeWriter writer;
    private final DistributionCompletion completion;
    private final ServiceClock clock;

    public DeliveryReceipts(Pool pool, NoticeWriter writer, DistributionCompletion completion, ServiceClock clock) {
        this.pool = pool;
        this.writer = writer;
        this.completion = completion;
        this.clock = clock;
    }

    public static boolean known(String notifyStatus) {
        return SENT.contains(notifyStatus) || FAILED.contains(notifyStatus) || "delivered".equals(notifyStatus);
    }

    /** @return the notice's status after the receipt */
    public Uni<NoticeStatus> apply(UUID reference, String notifyId, String notifyStatus) {
        Instant now = clock.now();
        return pool.withTransaction(c -> c.preparedQuery("""
                        select * from notice where (id = $1 or ($2::text is not null and provider = 'notify' and provider_id = $2))
                        order by (id = $1) desc limit 1 for update""")
                .execute(Tuple.of(reference, notifyId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(new NotFoundProblem("No notice matches this receipt's reference"));
                    }
                    ClaimedNotice n = cin.reminders.notice.repository.NoticeRows.claimed(rows.iterator().next());
                    NoticeStatus current = NoticeStatus.valueOf(rows.iterator().next().getString("status"));
                    NoticeStatus next = next(current, notifyStatus);
                    if (next == current) {
                        return Uni.createFrom().item(current);
                    }
                    LOG.infof("Notice %s: receipt '%s' moves it from %s to %s", n.id(), notifyStatus, current, next);
                    return update(c, n, next, notifyId, notifyStatus, now)
                            .chain(() -> next == NoticeStatus.FAILED ? followUp(c, n, now) : Uni.createFrom().voidItem())
                            .chain(() -> n.group() == null ? Uni.createFrom().voidItem()
                                    : completion.completeReady(c, List.of(n.group()), now))
                            .replaceWith(next);
                }));
    }

    /** Forward only: SCHEDULED/SENDING < SENT < DELIVERED; FAILED ends it (unless already delivered). */
    static NoticeStatus next(NoticeStatus current, String notifyStatus) {
        if (current == NoticeStatus.DELIVERED || current == NoticeStatus.FAILED || current == NoticeStatus.SUPPRESSED) {
            return current;
        }
        if ("delivered".equals(notifyStatus)) {
            return NoticeStatus.DELIVERED;
        }
        if (FAILED.contains(notifyStatus)) {
            return NoticeStatus.FAILED;
        }
        return NoticeStatus.SENT;
    }

    private Uni<Void> update(SqlConnection c, ClaimedNotice n, NoticeStatus next, String notifyId, String notifyStatus,
                             Instant now) {
        return c.preparedQuery("""
                        update notice set status = $2, provider_id = coalesce(provider_id, $3),
                            provider = coalesce(provider, 'notify'),
                            sent_at = coalesce(sent_at, $4),
                            delivered_at = case when $2 = 'DELIVERED' then $4 else delivered_at end,
                            failed_at = case when $2 = 'FAILED' then $4 else failed_at end,
                            reason = case when $2 = 'FAILED' then $5 else reason end,
                            claimed_by = null, claimed_until = null, updated_at = now()
                        where id = $1""")
                .execute(Tuple.of(n.id(), next.name(), notifyId, now.atOffset(ZoneOffset.UTC),
                        "Notify reported " + notifyStatus))
                .chain(() -> ReceiptOutbox.add(c, List.of(n.id()), List.of(n.caseId()), List.of(next.name()), now));
    }

    private Uni<Void> followUp(SqlConnection c, ClaimedNotice n, Instant now) {
        return c.preparedQuery("select * from participant where case_id = $1 order by position")
                .execute(Tuple.of(n.caseId()))
                .chain(rows -> {
                    Participant recipient = null;
                    Participant lead = null;
                    for (var r : rows) {
                        Participant p = ParticipantRows.participant(r);
                        if (p.id().equals(n.recipientId())) {
                            recipient = p;
                        }
                        if (p.role() == Role.LEAD_PROFESSIONAL) {
                            lead = p;
                        }
                    }
                    Optional<NoticeIntent> next = FollowUps.after(n, FailureReason.UNDELIVERABLE, recipient, lead, now);
                    return writer.insert(c, next.stream().toList(), caseId -> n.authority(), now);
                });
    }
}
