package cin.reminders.domain.notice;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * A notice to be recorded (and, unless suppressed or already failed, sent). Its {@link #key()}
 * is natural: what triggered it, for whom, which template, which ladder step. The id is derived
 * from the key ({@link NoticeKey#id()}), so a replay, a restart or a second replica planning the
 * same notice writes the same row, once.
 *
 * @param group the distribution this notice belongs to (copies of one document), or null
 * @param obligationId the obligation it reminds about or helps fulfil, or null
 * @param data non-personal facts the template needs (dates, document link, meeting time); people are looked up when sending
 * @param follows the notice this one follows on the proof-of-service ladder (the same notice by another channel, after
 *                that one failed), or null
 */
public record NoticeIntent(
        NoticeKey key,
        CaseRef caseRef,
        NoticeTemplate template,
        String recipientId,
        Role recipientRole,
        Channel channel,
        Language language,
        Instant scheduledFor,
        NoticeStatus status,
        String reason,
        DistributionKey group,
        UUID obligationId,
        NoticeData data,
        UUID follows) {

    /** The same notice written in another state: a rung folded into a digest, or queued to go on its own. */
    public NoticeIntent as(NoticeStatus newStatus, String newReason, Instant newScheduledFor) {
        return new NoticeIntent(key, caseRef, template, recipientId, recipientRole, channel, language, newScheduledFor,
                newStatus, newReason, group, obligationId, data, follows);
    }

    /** The case's id within its council. */
    public String caseId() {
        return caseRef.caseId();
    }

    /** The council whose case this is. */
    public String authority() {
        return caseRef.authority();
    }

    public UUID id() {
        return key.id();
    }

    /** The id of a notice with this key (see {@link NoticeKey#idOf}). */
    public static UUID idOf(String key) {
        return NoticeKey.idOf(key);
    }

    @Override
    public String toString() {
        return "NoticeIntent[" + template.id() + " to " + recipientRole + " " + recipientId + " " + status + "]";
    }
}
