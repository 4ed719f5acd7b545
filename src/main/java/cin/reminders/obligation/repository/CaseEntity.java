package cin.reminders.obligation.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A case row, for reading. */
@Entity
@Table(name = "case_record")
public class CaseEntity {

    @Id
    @Column(name = "case_id")
    public String caseId;
    public String authority;
    @Column(name = "plan_type")
    public String planType;
    public String team;
    @Column(name = "closed_on")
    public LocalDate closedOn;
}
