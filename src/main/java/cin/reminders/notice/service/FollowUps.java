package cin.reminders.notice.service;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.notice.ContactFailure;
import cin.reminders.domain.notice.DistributionKey;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeData;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.domain.notice.Post;
import cin.reminders.domain.notice.ProofOfService;
import cin.reminders.domain.notice.QuietHours;
import cin.reminders.notice.repository.ClaimedNotice;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * What follows a family or agency notice that failed for good: the next step of the proof-of-service ladder
 * ({@link ProofOfService}: the other digital channel the person has, then a letter), a new notice linked to the one it
 * follows; when the ladder is spent, the lead professional is told (contact-failed), so someone makes sure the family
 * gets it another way.
 */
public final class FollowUps {

    private static final QuietHours QUIET_HOURS = QuietHours.standard();

    private FollowUps() {
    }

    /**
     * @param post whether the failed notice may go by post now (the council's letters, the meeting's date)
     */
    public static Optional<NoticeIntent> after(ClaimedNotice failed, FailureReason reason, Participant recipient,
                                               Participant leadProfessional, Post post, Instant now) {
        if (!failed.template().isFamilyNotice()) {
            return Optional.empty();
        }
        if (recipient != null && failed.key().ladderSteps() < ProofOfService.MAX_STEPS) {
            Optional<Channel> next = ProofOfService.after(failed.channel(), recipient, post);
            if (next.isPresent()) {
                Channel by = next.get();
                // A text to a family member still waits out the quiet hours.
                Instant at = by == Channel.SMS && recipient.role().isFamily() ? QUIET_HOURS.nextAllowed(now) : now;
                return Optional.of(new NoticeIntent(failed.key().by(by), failed.ref(), failed.template(),
                        failed.recipientId(), failed.recipientRole(), by, failed.language(), at, NoticeStatus.SCHEDULED,
                        "the " + word(failed.channel()) + " could not be delivered (" + reason.code() + "); sent by "
                                + word(by) + " instead",
                        DistributionKey.ofNullable(failed.group()), failed.obligationId(), failed.data(), failed.id()));
            }
        }
        // Only a letter could still have reached them, and it would arrive after the meeting.
        FailureReason told = recipient != null && failed.channel() != Channel.LETTER
                && ProofOfService.unreachable(recipient, post) == FailureReason.TOO_LATE_FOR_POST
                ? FailureReason.TOO_LATE_FOR_POST : reason;
        LocalDateTime meeting = told == FailureReason.TOO_LATE_FOR_POST && failed.data() instanceof NoticeData.Meeting m
                ? m.startsAt() : null;
        return ContactFailure.tell(leadProfessional, failed.ref(), failed.key(), failed.template(),
                failed.recipientId(), failed.recipientRole(), told, meeting, now);
    }

    private static String word(Channel channel) {
        return switch (channel) {
            case EMAIL -> "email";
            case SMS -> "text";
            case LETTER -> "letter";
        };
    }
}
