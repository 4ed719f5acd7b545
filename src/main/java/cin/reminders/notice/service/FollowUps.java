package cin.reminders.notice.service;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.notice.ContactFailure;
import cin.reminders.domain.notice.DistributionKey;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.notice.repository.ClaimedNotice;
import java.time.Instant;
import java.util.Optional;

/**
 * What follows a family notice that failed for good: the same notice by email when a text could
 * not be delivered and the person has an email address; otherwise the lead professional is told
 * (contact-failed), so someone makes sure the family gets it another way.
 */
public final class FollowUps {

    private FollowUps() {
    }

    public static Optional<NoticeIntent> after(ClaimedNotice failed, FailureReason reason, Participant recipient,
                                               Participant leadProfessional, Instant now) {
        if (!failed.template().isFamilyNotice()) {
            return Optional.empty();
        }
        if (failed.channel() == Channel.SMS && recipient != null && recipient.emailAddress().isPresent()) {
            return Optional.of(new NoticeIntent(failed.key().byEmailInstead(), failed.ref(), failed.template(),
                    failed.recipientId(), failed.recipientRole(), Channel.EMAIL, failed.language(), now,
                    NoticeStatus.SCHEDULED, "the text could not be delivered (" + reason.code() + "); sent by email instead",
                    DistributionKey.ofNullable(failed.group()), failed.obligationId(), failed.data()));
        }
        return ContactFailure.tell(leadProfessional, failed.ref(), failed.key(), failed.template(),
                failed.recipientId(), failed.recipientRole(), reason, now);
    }

}
