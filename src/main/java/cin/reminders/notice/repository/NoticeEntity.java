package cin.reminders.notice.repository;

import cin.reminders.domain.notice.NoticeStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A notice row, for the audit API and receipts (the dispatcher works on it in batches through SQL). */
@Entity
@Table(name = "notice")
public class NoticeEntity {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public String caseId;
    public String authority;
    public String template;
    public String channel;
    @Column(name = "recipient_participant_id")
    public String recipientParticipantId;
    @Column(name = "recipient_role")
    public String recipientRole;
    public String language;
    @Enumerated(EnumType.STRING)
    public NoticeStatus status;
    @Column(name = "scheduled_for")
    public Instant scheduledFor;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "failed_at")
    public Instant failedAt;
    public String reason;
    public String provider;
    @Column(name = "provider_id")
    public String providerId;
    public int attempts;
    @Column(name = "sms_fragments")
    public Integer smsFragments;
    @Column(name = "obligation_id")
    public UUID obligationId;
    @Column(name = "created_at")
    public Instant createdAt;
}
