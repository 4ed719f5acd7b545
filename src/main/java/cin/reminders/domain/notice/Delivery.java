package cin.reminders.domain.notice;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether, and how, a participant receives a notice (POLICIES.md, "Who receives what").
 *
 * @param channel the channel to use, when sending
 * @param status SCHEDULED to send, SUPPRESSED when the person must receive nothing, FAILED when they cannot be reached
 * @param reason why it is suppressed or failed (kept in the audit record)
 */
public record Delivery(Channel channel, NoticeStatus status, String reason) {

    /**
     * For a family notice (copies, invitations, reminders, closure): empty when the participant is
     * not a recipient at all (a child below the council's age for copies, or of unknown age).
     */
    public static Optional<Delivery> forFamilyNotice(Participant p, LocalDate onDay, int childCopyMinAge) {
        if (p.role() == Role.CHILD) {
            if (Boolean.FALSE.equals(p.receivesCopies())) {
                return Optional.of(suppressed(p, "the child does not receive copies"));
            }
            boolean oldEnough = p.ageOn(onDay).map(age -> age >= childCopyMinAge).orElse(false);
            if (!Boolean.TRUE.equals(p.receivesCopies()) && !oldEnough) {
                return Optional.empty();
            }
        }
        if ((p.role() == Role.PARENT || p.role() == Role.CARER) && Boolean.FALSE.equals(p.receivesCopies())) {
            return Optional.of(suppressed(p, "withheld"));
        }
        return Optional.of(to(p));
    }

    /**
     * By the person's preferred channel, else the other one they have; failed when they have neither.
     *
     * <p>Letters are not sent yet (CONTRACT-2 §5 comes in parts): a family member or agency who prefers
     * {@code LETTER} is, for now, someone with no digital channel: their notice fails, by letter, and a family
     * notice's failure tells the lead professional ({@code contact-failed}, {@code no-contact}), as for anyone who
     * cannot be reached. Professionals never get letters, so for them {@code LETTER} states no preference between
     * email and text: email first.
     */
    public static Delivery to(Participant p) {
        if (p.preferredChannel() == Channel.LETTER && !p.role().isProfessional()) {
            return new Delivery(Channel.LETTER, NoticeStatus.FAILED, "prefers letters, which are not sent yet");
        }
        Optional<Channel> channel = channelFor(p);
        return channel.map(c -> new Delivery(c, NoticeStatus.SCHEDULED, null))
                .orElseGet(() -> new Delivery(p.preferredChannel(), NoticeStatus.FAILED,
                        "no email address or mobile number on record"));
    }

    /** The digital channel to use: the preferred one when the person has it, else the other one they have. */
    static Optional<Channel> channelFor(Participant p) {
        boolean email = p.emailAddress().isPresent();
        boolean sms = p.mobileNumber().isPresent();
        return switch (p.preferredChannel()) {
            case SMS -> sms ? Optional.of(Channel.SMS) : email ? Optional.of(Channel.EMAIL) : Optional.empty();
            case EMAIL, LETTER -> email ? Optional.of(Channel.EMAIL) : sms ? Optional.of(Channel.SMS) : Optional.empty();
        };
    }

    private static Delivery suppressed(Participant p, String what) {
        String reason = p.withholdReason() == null ? what : what + ": " + p.withholdReason();
        return new Delivery(p.preferredChannel(), NoticeStatus.SUPPRESSED, reason);
    }
}
