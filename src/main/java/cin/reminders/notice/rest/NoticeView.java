package cin.reminders.notice.rest;

import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.notice.repository.NoticeStore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A notice as CONTRACT.md §2 shows it ({@code id, template, channel, recipient, status,
 * scheduledFor, sentAt, reason}), extended with the provider, delivery time, attempts and SMS
 * fragments, and {@code follows}: the notice this one follows on the proof-of-service ladder (the same notice by
 * another channel after that one failed), and {@code digestId}: for a rung kept as SUPPRESSED {@code in-digest}, the
 * daily digest it went in (CONTRACT-2 §7). The record the procedures require of what was sent, when, and why not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeView(UUID id, String template, String channel, Recipient recipient, NoticeStatus status,
                         Instant scheduledFor, @JsonInclude(JsonInclude.Include.ALWAYS) Instant sentAt,
                         @JsonInclude(JsonInclude.Include.ALWAYS) String reason, String caseId, String language,
                         String provider, String providerId, Instant deliveredAt, Integer attempts, Integer smsFragments,
                         UUID obligationId, String authority, UUID follows, UUID digestId) {

    public record Recipient(String participantId, String role) {
    }

    /** A notice that will be recorded when its time comes (the next rung of a reminder ladder). */
    public static NoticeView planned(cin.reminders.domain.notice.NoticeIntent n) {
        return new NoticeView(n.id(), n.template().id(), n.channel().name(),
                new Recipient(n.recipientId(), n.recipientRole().name()), NoticeStatus.SCHEDULED, n.scheduledFor(), null,
                n.reason(), n.caseId(), n.language().code(), null, null, null, 0, null, n.obligationId(),
                n.authority(), n.follows(), null);
    }

    public static NoticeView of(NoticeStore.Recorded n) {
        return new NoticeView(n.id(), n.template(), n.channel(), new Recipient(n.recipientId(), n.recipientRole()),
                n.status().external(), n.scheduledFor(), n.sentAt(), n.reason(), n.caseId(), n.language(), n.provider(),
                n.providerId(), n.deliveredAt(), n.attempts(), n.smsFragments(), n.obligationId(), n.authority(),
                n.follows(), n.digestId());
    }
}
