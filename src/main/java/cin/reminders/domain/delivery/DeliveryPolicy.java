package cin.reminders.domain.delivery;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.QuietHours;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a claimed notice goes out now, and how: withdrawn when it reminds of an obligation that
 * has closed; failed when its recipient has left the case or has no address for its channel (or its channel is
 * {@code LETTER}: no letter is sent yet); held
 * back while a family text falls in the quiet hours; otherwise sent, by its channel, to the
 * recipient's address as it is on record now. Checked in that order.
 */
public final class DeliveryPolicy {

    private final QuietHours quietHours;
    private final MobileNumbers mobiles;

    public DeliveryPolicy(QuietHours quietHours, MobileNumbers mobiles) {
        this.quietHours = Objects.requireNonNull(quietHours, "quietHours");
        this.mobiles = Objects.requireNonNull(mobiles, "mobiles");
    }

    /**
     * @param obligation the stored status of the obligation the notice reminds of; empty when it is no longer
     *                   there (only reminder rungs look at it)
     * @param recipient the recipient as the case has them now; empty when they are no longer on it
     */
    public DeliveryDecision decide(PendingNotice notice, Optional<ObligationStatus> obligation,
                                   Optional<Participant> recipient, Instant now) {
        if (notice.remindsOfAnObligation() && !obligation.map(DeliveryPolicy::isOpen).orElse(false)) {
            return new DeliveryDecision.Withdraw();
        }
        if (recipient.isEmpty()) {
            return new Verdict.Fail(FailureReason.NO_CONTACT, "the recipient is no longer on the case");
        }
        // Before the address is checked: a text that waits is checked again when it is claimed at 08:00.
        if (notice.isFamilyText() && quietHours.isQuiet(now)) {
            return new Verdict.Retry(quietHours.nextAllowed(now), "waiting for 08:00 (quiet hours)", false);
        }
        return addressOn(notice.channel(), recipient.get());
    }

    private DeliveryDecision addressOn(Channel channel, Participant p) {
        return switch (channel) {
            case EMAIL -> p.emailAddress().<DeliveryDecision>map(a -> new DeliveryDecision.Send(channel, a))
                    .orElseGet(() -> new Verdict.Fail(FailureReason.NO_CONTACT, "no email address on record"));
            case SMS -> {
                if (p.mobileNumber().isEmpty()) {
                    yield new Verdict.Fail(FailureReason.NO_CONTACT, "no mobile number on record");
                }
                yield p.mobileNumber().flatMap(mobiles::normalise).<DeliveryDecision>map(a -> new DeliveryDecision.Send(channel, a))
                        .orElseGet(() -> new Verdict.Fail(FailureReason.INVALID_MOBILE, "not a valid UK mobile number"));
            }
            // No letter is sent yet: as for a person with no digital channel (the planner fails such notices at once;
            // this is the same answer should one ever be claimed).
            case LETTER -> new Verdict.Fail(FailureReason.NO_CONTACT, "letters are not sent yet");
        };
    }

    /** OVERDUE is never stored, but an obligation past its due date is still open. */
    private static boolean isOpen(ObligationStatus status) {
        return status == ObligationStatus.OPEN || status == ObligationStatus.OVERDUE;
    }
}
