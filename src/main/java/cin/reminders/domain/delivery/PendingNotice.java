package cin.reminders.domain.delivery;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.notice.Post;
import java.util.Objects;
import java.util.UUID;

/**
 * What {@link DeliveryPolicy} needs of a claimed notice.
 *
 * @param obligationId the obligation it reminds about or helps fulfil, or null
 */
public record PendingNotice(NoticeTemplate template, Channel channel, Role recipientRole, UUID obligationId, Post post) {

    public PendingNotice {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipientRole, "recipientRole");
        Objects.requireNonNull(post, "post");
    }

    /** A notice that may not go by post. */
    public PendingNotice(NoticeTemplate template, Channel channel, Role recipientRole, UUID obligationId) {
        this(template, channel, recipientRole, obligationId, Post.NOT_OFFERED);
    }

    /** A rung of an obligation's reminder ladder (or news of its due date), wanted only while the obligation is open. */
    public boolean remindsOfAnObligation() {
        return obligationId != null && (template == NoticeTemplate.OBLIGATION_REMINDER
                || template == NoticeTemplate.OBLIGATION_OVERDUE || template == NoticeTemplate.DUE_DATE_CHANGED);
    }

    /** A text to a family member, which waits out the quiet hours. */
    public boolean isFamilyText() {
        return channel == Channel.SMS && template.isFamilyNotice() && recipientRole.isFamily();
    }
}
