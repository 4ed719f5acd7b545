package cin.reminders.domain.model;

/** The shared vocabulary of statutory obligations (POLICIES.md, "Obligation kinds"). */
public enum ObligationKind {
    INITIAL_PLAN(Role.LEAD_PROFESSIONAL, "Initial plan"),
    PLANNING_MEETING(Role.LEAD_PROFESSIONAL, "Planning meeting"),
    PLAN_COMPLETION(Role.LEAD_PROFESSIONAL, "Plan completed on the case record"),
    PLAN_DISTRIBUTION(Role.LEAD_PROFESSIONAL, "Plan copies sent"),
    OUTLINE_PLAN_DISTRIBUTION(Role.LEAD_PROFESSIONAL, "Outline plan sent"),
    MEETING_RECORD_DISTRIBUTION(Role.LEAD_PROFESSIONAL, "Meeting record sent"),
    CARE_TEAM_MEETING(Role.LEAD_PROFESSIONAL, "Care team meeting"),
    HOME_VISIT(Role.LEAD_PROFESSIONAL, "Home visit"),
    SEE_CHILD_ALONE(Role.LEAD_PROFESSIONAL, "Child seen alone"),
    PLAN_REVIEW(Role.LEAD_PROFESSIONAL, "Plan review"),
    FORMAL_REVIEW(Role.TEAM_MANAGER, "Formal review"),
    REVIEW_RECORD_DISTRIBUTION(Role.LEAD_PROFESSIONAL, "Review record sent"),
    LEGAL_ADVICE(Role.LEAD_PROFESSIONAL, "Legal advice offered"),
    CLOSURE_NOTIFICATION(Role.LEAD_PROFESSIONAL, "Closure notices sent"),
    TEAM_TRANSFER(Role.TEAM_MANAGER, "Team transfer decided");

    private final Role defaultOwner;
    private final String label;

    ObligationKind(Role defaultOwner, String label) {
        this.defaultOwner = defaultOwner;
        this.label = label;
    }

    public Role defaultOwner() {
        return defaultOwner;
    }

    /** Plain-English name for messages and the dashboard. */
    public String label() {
        return label;
    }

    /** Kinds fulfilled by the service's own dispatch of copies rather than by a case event. */
    public boolean fulfilledByDispatch() {
        return this == PLAN_DISTRIBUTION || this == OUTLINE_PLAN_DISTRIBUTION
                || this == MEETING_RECORD_DISTRIBUTION || this == REVIEW_RECORD_DISTRIBUTION
                || this == CLOSURE_NOTIFICATION;
    }

    /**
     * Duties that belong to one meeting's record (POLICIES.md, "Except record distributions"): a later meeting's
     * duty never replaces an earlier one still open, so a case may hold several open at once, one per meeting.
     */
    public boolean perMeetingRecord() {
        return this == MEETING_RECORD_DISTRIBUTION || this == REVIEW_RECORD_DISTRIBUTION;
    }
}
