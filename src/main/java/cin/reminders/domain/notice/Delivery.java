package cin.reminders.domain.notice;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether, and how, a participant receives a notice (POLICIES.md, "Who receives what"; CONTRACT-2 §5).
 *
 * @param channel the channel to use, when sending
 * @param status SCHEDULED to send, SUPPRESSED when the person must receive nothing, FAILED when they cannot be reached
 * @param reason why it is suppressed or failed (kept in the audit record)
 * @param failure why they cannot be reached (what the lead professional is told), when FAILED; else null
 */
public record Delivery(Channel channel, NoticeStatus status, String reason, FailureReason failure) {

    /**
     * For a family notice (copies, invitations, reminders, closure) that may not go by post: see
     * {@link #forFamilyNotice(Participant, LocalDate, int, Post)}.
     */
    public static Optional<Delivery> forFamilyNotice(Participant p, LocalDate onDay, int childCopyMinAge) {
        return forFamilyNotice(p, onDay, childCopyMinAge, Post.NOT_OFFERED);
    }

    /**
     * For a family notice (copies, invitations, reminders, closure): empty when the participant is
     * not a recipient at all (a child below the council's age for copies, or of unknown age).
     */
    public static Optional<Delivery> forFamilyNotice(Participant p, LocalDate onDay, int childCopyMinAge, Post post) {
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
        return Optional.of(to(p, post));
    }

    /** By the first digital channel that reaches the person (never by post): professionals' notices. */
    public static Delivery to(Participant p) {
        return to(p, Post.NOT_OFFERED);
    }

    /**
     * By the first channel of the person's ladder that reaches them ({@link ProofOfService}); failed when none does:
     * {@code no-contact}, or {@code too-late-for-post} when only a letter could have reached them and it would arrive
     * after the meeting.
     */
    public static Delivery to(Participant p, Post post) {
        Optional<Channel> channel = ProofOfService.first(p, post);
        if (channel.isPresent()) {
            return new Delivery(channel.get(), NoticeStatus.SCHEDULED, null, null);
        }
        FailureReason why = ProofOfService.unreachable(p, post);
        Channel recorded = p.role().isProfessional() && p.preferredChannel() == Channel.LETTER ? Channel.EMAIL
                : p.preferredChannel();
        String reason = switch (why) {
            case TOO_LATE_FOR_POST -> "only post can reach them, and a letter would not arrive before the meeting";
            default -> post == Post.ALLOWED || p.role().isProfessional()
                    ? "no email address, mobile number or postal address on record"
                    : p.postalAddress().isPresent() ? "no email address or mobile number on record, and letters are off"
                    : "no email address or mobile number on record";
        };
        return new Delivery(recorded, NoticeStatus.FAILED, reason, why);
    }

    private static Delivery suppressed(Participant p, String what) {
        String reason = p.withholdReason() == null ? what : what + ": " + p.withholdReason();
        return new Delivery(p.preferredChannel(), NoticeStatus.SUPPRESSED, reason, null);
    }
}
