package cin.reminders.domain.notice;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Participant;
import java.util.List;
import java.util.Optional;

/**
 * The order in which a notice tries to reach a person (issue "Families reached by post"): the channel they prefer,
 * then the other digital channel they have, then a letter when they have an address and post is allowed; only then is
 * the lead professional told. Someone who prefers letters is written to first, then tried by email and text.
 * Professionals never get letters: for them {@code LETTER} states no preference, and email comes first.
 */
public final class ProofOfService {

    /** At most this many steps follow a notice: one per channel. */
    public static final int MAX_STEPS = Channel.values().length;

    private ProofOfService() {
    }

    /** Every channel in the order tried for this person. */
    public static List<Channel> ladder(Participant p) {
        if (p.role().isProfessional()) {
            return p.preferredChannel() == Channel.SMS ? List.of(Channel.SMS, Channel.EMAIL)
                    : List.of(Channel.EMAIL, Channel.SMS);
        }
        return switch (p.preferredChannel()) {
            case EMAIL -> List.of(Channel.EMAIL, Channel.SMS, Channel.LETTER);
            case SMS -> List.of(Channel.SMS, Channel.EMAIL, Channel.LETTER);
            case LETTER -> List.of(Channel.LETTER, Channel.EMAIL, Channel.SMS);
        };
    }

    /** The first channel that can reach the person; empty when none can. */
    public static Optional<Channel> first(Participant p, Post post) {
        return ladder(p).stream().filter(c -> reaches(c, p, post)).findFirst();
    }

    /** The next channel after {@code failed} that can reach the person; empty when the ladder is spent. */
    public static Optional<Channel> after(Channel failed, Participant p, Post post) {
        List<Channel> ladder = ladder(p);
        int at = ladder.indexOf(failed);
        if (at < 0) {
            return Optional.empty();
        }
        return ladder.subList(at + 1, ladder.size()).stream().filter(c -> reaches(c, p, post)).findFirst();
    }

    /** Whether the person has what the channel needs: an email address, a mobile number, or an address post may use. */
    public static boolean reaches(Channel channel, Participant p, Post post) {
        return switch (channel) {
            case EMAIL -> p.emailAddress().isPresent();
            case SMS -> p.mobileNumber().isPresent();
            case LETTER -> post == Post.ALLOWED && !p.role().isProfessional() && p.postalAddress().isPresent();
        };
    }

    /**
     * Why nobody can reach the person by any channel: too late for post when only a letter could have reached them,
     * otherwise no contact.
     */
    public static FailureReason unreachable(Participant p, Post post) {
        return post == Post.TOO_LATE && !p.role().isProfessional() && p.postalAddress().isPresent()
                ? FailureReason.TOO_LATE_FOR_POST : FailureReason.NO_CONTACT;
    }
}
