package cin.reminders.notice.repository;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.NoticeData;
import cin.reminders.domain.notice.NoticeKey;
import cin.reminders.domain.notice.NoticeTemplate;
import java.time.Instant;
import java.util.UUID;

/** A notice a dispatcher holds the lease of. */
public record ClaimedNotice(
        UUID id,
        NoticeKey key,
        String caseId,
        String authority,
        NoticeTemplate template,
        Channel channel,
        String recipientId,
        Role recipientRole,
        Language language,
        int attempts,
        Instant scheduledFor,
        UUID obligationId,
        String group,
        String provider,
        NoticeData data,
        String traceparent) {

    /** The case it is about: {@code caseId} within {@code authority}. */
    public CaseRef ref() {
        return new CaseRef(authority, caseId);
    }

    @Override
    public String toString() {
        return "ClaimedNotice[" + id + " " + template.id() + "]";
    }
}
