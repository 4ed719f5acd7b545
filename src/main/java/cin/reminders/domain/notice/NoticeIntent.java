package cin.reminders.domain.notice;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notice to be recorded (and, unless suppressed or already failed, sent). Its {@link #key()}
 * is natural: what triggered it, for whom, which template, which ladder step. The id is derived
 * from the key, so a replay, a restart or a second replica planning the same notice writes the
 * same row, once.
 *
 * @param group the distribution this notice belongs to (copies of one document), or null
 * @param obligationId the obligation it reminds about or helps fulfil, or null
 * @param data non-personal facts the template needs (dates, document link, meeting time); people are looked up when sending
 */
public record NoticeIntent(
        String key,
        String caseId,
        NoticeTemplate template,
        String recipientId,
        Role recipientRole,
        Channel channel,
        Language language,
        Instant scheduledFor,
        NoticeStatus status,
        String reason,
        String group,
        UUID obligationId,
        Map<String, String> data) {

    public UUID id() {
        return idOf(key);
    }

    /** {@link UUID#nameUUIDFromBytes} of the key, without looking up an MD5 provider on every call. */
    public static UUID idOf(String key) {
        byte[] md5 = MD5.get().digest(key.getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30); // version 3: name-based, MD5
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
            lsb = (lsb << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    });

    @Override
    public String toString() {
        return "NoticeIntent[" + template.id() + " to " + recipientRole + " " + recipientId + " " + status + "]";
    }
}
