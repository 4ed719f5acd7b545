package cin.reminders.domain.notice;

import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A professional's digest of one working day, planned (CONTRACT-2 §7): by email, in their language, at the council's
 * digest time. Its key makes it one per professional, council and day, whoever plans it first: the rung firing of
 * any replica, or the morning's planner.
 */
public record DigestNotice(String authority, String recipientId, Role recipientRole, Language language, LocalDate day,
                           Instant scheduledFor) {

    /** The reason a rung folded into a digest is kept as SUPPRESSED. */
    public static final String IN_DIGEST = "in-digest";

    public NoticeKey key() {
        return NoticeKey.dailyDigest(authority, recipientId, day);
    }

    public UUID id() {
        return key().id();
    }

    public NoticeData.Digest data() {
        return new NoticeData.Digest(day);
    }
}
