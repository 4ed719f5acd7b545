package cin.reminders.domain.delivery;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.Post;
import cin.reminders.domain.notice.QuietHours;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a claimed notice goes out now, and how: withdrawn when it reminds of an obligation that
 * has closed; failed when its recipient has left the case or has no address for its channel (for a letter: when post
 * is no longer allowed or would arrive after the meeting); held
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
        return addressOn(notice.channel(), recipient.get(), notice.post());
    }

    private DeliveryDecision addressOn(Channel channel, Participant p, Post post) {
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
            case LETTER -> letterTo(p, post);
        };
    }

    /** Checked again when the letter is claimed: the council may have turned letters off, the meeting may be near. */
    private static DeliveryDecision letterTo(Participant p, Post post) {
        if (post == Post.TOO_LATE) {
            return new Verdict.Fail(FailureReason.TOO_LATE_FOR_POST, "a letter would not arrive before the meeting");
        }
        if (post != Post.ALLOWED || p.role().isProfessional()) {
            return new Verdict.Fail(FailureReason.NO_CONTACT, "letters are off for this council or this notice");
        }
        if (p.postalAddress().isEmpty()) {
            return new Verdict.Fail(FailureReason.NO_CONTACT, "no postal address on record");
        }
        try {
            // Name, lines, postcode: Notify's address_line_1 to address_line_7, one per line.
            return new DeliveryDecision.Send(Channel.LETTER, String.join("\n", p.postalAddress().get().letterLines(p.name())));
        } catch (IllegalArgumentException e) { // no name, or one of several lines, to put on the envelope
            return new Verdict.Fail(FailureReason.INVALID_ADDRESS, e.getMessage());
        }
    }

    /** OVERDUE is never stored, but an obligation past its due date is still open. */
    private static boolean isOpen(ObligationStatus status) {
        return status == ObligationStatus.OPEN || status == ObligationStatus.OVERDUE;
    }
}
