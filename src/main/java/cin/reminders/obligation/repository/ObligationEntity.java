package cin.reminders.obligation.repository;

import cin.reminders.domain.model.CloseReason;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An obligation row, for reading (ingestion writes obligations in batches through {@code CaseStore}). */
@Entity
@Table(name = "obligation")
public class ObligationEntity {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public String caseId;
    public String authority;
    @Enumerated(EnumType.STRING)
    public ObligationKind kind;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Enumerated(EnumType.STRING)
    public ObligationStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "owner_role")
    public Role ownerRole;
    @Column(name = "owner_participant_id")
    public String ownerParticipantId;
    @Column(name = "triggered_by_source")
    public String triggeredBySource;
    @Column(name = "triggered_by_id")
    public String triggeredById;
    @Column(name = "triggered_on")
    public LocalDate triggeredOn;
    @Column(name = "agreed_date")
    public LocalDate agreedDate;
    public boolean breach;
    @Column(name = "good_practice_on")
    public LocalDate goodPracticeOn;
    @Column(name = "closed_on")
    public LocalDate closedOn;
    @Enumerated(EnumType.STRING)
    @Column(name = "close_reason")
    public CloseReason closeReason;
    @Column(name = "closed_by")
    public String closedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
