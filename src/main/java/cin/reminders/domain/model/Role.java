package cin.reminders.domain.model;

/** Participant roles of the contract (CONTRACT.md, cin.participant.upserted). */
public enum Role {
    CHILD, PARENT, CARER, LEAD_PROFESSIONAL, TEAM_MANAGER, AGENCY;

    public boolean isFamily() {
        return this == CHILD || this == PARENT || this == CARER;
    }

    public boolean isProfessional() {
        return this == LEAD_PROFESSIONAL || this == TEAM_MANAGER;
    }
}
