package cin.reminders.notice.service;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.Post;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.repository.ReceiptOutboxStore;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
    static final Set<String> SENT = Set.of("created", "sending", "pending", "sent",
            // letters: accepted by Notify for printing; a virus check of our own PDF (precompiled letters only)
            "accepted", "pending-virus-check");
    static final Set<String> FAILED = Set.of("permanent-failure", "temporary-failure", "technical-failure",
            // letters (CONTRACT-2 §5): FAILED with Notify's status as the reason
            "cancelled", "validation-failed", "virus-scan-failed");
    /** Letters: Notify's printer has the letter; it is on its way. */
    static final Set<String> DELIVERED = Set.of("delivered", "received");
    /** A letter that came back: FAILED with reason {@code returned}, even after {@code received}. */
    static final Set<String> RETURNED = Set.of("returned", "returned-letter");

    private final Pool pool;
    private final NoticeStore notices;
    private final ReceiptOutboxStore receipts;
    private final ParticipantStore participants;
    private final PlannedNotices planned;
    private final DistributionCompletion completion;
    private final ServiceClock clock;
    private final PolicyRegistry policies;

    public DeliveryReceipts(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, NoticeStore notices, ReceiptOutboxStore receipts, ParticipantStore participants,
                            PlannedNotices planned, DistributionCompletion completion, ServiceClock clock,
                            PolicyRegistry policies) {
        this.policies = policies;
        this.pool = pool;
        this.notices = notices;
        this.receipts = receipts;
        this.participants = participants;
        this.planned = planned;
        this.completion = completion;
        this.clock = clock;
    }

    public static boolean known(String notifyStatus) {
        return SENT.contains(notifyStatus) || FAILED.contains(notifyStatus) || DELIVERED.contains(notifyStatus)
                || RETURNED.contains(notifyStatus);
    }

    /** @return the notice's status after the receipt */
    public Uni<NoticeStatus> apply(UUID reference, String notifyId, String notifyStatus) {
        Instant now = clock.now();
        return pool.withTransaction(c -> notices.forReceipt(c, reference, notifyId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(new NotFoundProblem("No notice matches this receipt's reference"));
            }
            ClaimedNotice n = found.get().notice();
            NoticeStatus current = found.get().status();
            NoticeStatus next = next(current, notifyStatus);
            if (next == current) {
                return Uni.createFrom().item(current);
            }
            LOG.infof("Notice %s: receipt '%s' moves it from %s to %s", n.id(), notifyStatus, current, next);
            boolean returned = RETURNED.contains(notifyStatus);
            String reason = returned ? FailureReason.RETURNED.code()
                    : n.channel() == Channel.LETTER && next == NoticeStatus.FAILED ? notifyStatus
                    : "Notify reported " + notifyStatus;
            FailureReason why = returned ? FailureReason.RETURNED : FailureReason.UNDELIVERABLE;
            return notices.applyReceipt(c, n.id(), next, notifyId, now, reason)
                    // A digest has no case: no receipt for the case-management system, no lead professional to tell.
                    .chain(() -> n.template().isPersonal() ? Uni.createFrom().voidItem()
                            : receipts.add(c, List.of(new ReceiptOutboxStore.Settled(n.id(), n.ref(), next)), now))
                    .chain(() -> next == NoticeStatus.FAILED && !n.template().isPersonal() ? followUp(c, n, why, now)
                            : Uni.createFrom().voidItem())
                    .chain(() -> n.group() == null ? Uni.createFrom().voidItem()
                            : completion.completeReady(c, List.of(n.group()), now))
                    .replaceWith(next);
        }));
    }

    /**
     * Forward only: SCHEDULED/SENDING < SENT < DELIVERED; FAILED ends it (unless already delivered). A returned letter
     * is the one exception: "received" means Notify's printer has it, and the post may still bring it back.
     */
    static NoticeStatus next(NoticeStatus current, String notifyStatus) {
        if (RETURNED.contains(notifyStatus) && (current == NoticeStatus.SENT || current == NoticeStatus.DELIVERED)) {
            return NoticeStatus.FAILED;
        }
        if (current == NoticeStatus.DELIVERED || current == NoticeStatus.FAILED || current == NoticeStatus.SUPPRESSED) {
            return current;
        }
        if (RETURNED.contains(notifyStatus)) {
            return NoticeStatus.FAILED;
        }
        if (DELIVERED.contains(notifyStatus)) {
            return NoticeStatus.DELIVERED;
        }
        if (FAILED.contains(notifyStatus)) {
            return NoticeStatus.FAILED;
        }
        return NoticeStatus.SENT;
    }

    private Uni<Void> followUp(SqlConnection c, ClaimedNotice n, FailureReason why, Instant now) {
        return participants.forCase(c, n.ref()).chain(people -> {
            Participant recipient = null;
            Participant lead = null;
            for (Participant p : people) {
                if (p.id().equals(n.recipientId())) {
                    recipient = p;
                }
                if (p.role() == Role.LEAD_PROFESSIONAL) {
                    lead = p;
                }
            }
            Post post = Post.of(policies.get(n.authority()), n.template(), n.data(), clock.today());
            Optional<NoticeIntent> next = FollowUps.after(n, why, recipient, lead, post, now);
            return planned.record(c, next.stream().toList(), now);
        });
    }
}
