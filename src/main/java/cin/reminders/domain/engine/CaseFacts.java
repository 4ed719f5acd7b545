package cin.reminders.domain.engine;

import cin.reminders.domain.model.PlanType;
import java.time.LocalDate;

/**
 * What the policy engine needs to remember about a case between events.
 *
 * @param planStart the date of the first planning meeting of the current episode
 * @param seenAloneThisCycle a SEE_CHILD_ALONE has been satisfied since the last review
 * @param closedOn set while the case is closed
 */
public record CaseFacts(
        PlanType planType,
        boolean longTermSupport,
        LocalDate openedOn,
        String team,
        LocalDate planStart,
        LocalDate lastReviewOn,
        LocalDate lastVisitOn,
        LocalDate lastChildSeenAloneOn,
        boolean seenAloneThisCycle,
        LocalDate closedOn) {

    public static CaseFacts initial() {
        return new CaseFacts(PlanType.CHILD_IN_NEED, false, null, null, null, null, null, null, false, null);
    }

    public boolean isClosed() {
        return closedOn != null;
    }

    /** A case opened again after closure starts a new episode: its review cycle starts afresh. */
    public CaseFacts newEpisode(PlanType type, boolean lts, LocalDate on) {
        return new CaseFacts(type, lts, on, team, null, null, null, null, false, null);
    }

    public CaseFacts withPlanType(PlanType type) {
        return new CaseFacts(type, longTermSupport, openedOn, team, planStart, lastReviewOn, lastVisitOn,
                lastChildSeenAloneOn, seenAloneThisCycle, closedOn);
    }

    public CaseFacts opened(PlanType type, boolean lts, LocalDate on) {
        return new CaseFacts(type, lts, openedOn == null ? on : openedOn, team, planStart, lastReviewOn, lastVisitOn,
                lastChildSeenAloneOn, seenAloneThisCycle, closedOn);
    }

    public CaseFacts withTeam(String newTeam) {
        return new CaseFacts(planType, longTermSupport, openedOn, newTeam, planStart, lastReviewOn, lastVisitOn,
                lastChildSeenAloneOn, seenAloneThisCycle, closedOn);
    }

    public CaseFacts planningMeetingOn(LocalDate day) {
        return new CaseFacts(planType, longTermSupport, openedOn, team, planStart == null ? day : planStart,
                lastReviewOn, lastVisitOn, lastChildSeenAloneOn, seenAloneThisCycle, closedOn);
    }

    public CaseFacts reviewOn(LocalDate day) {
        return new CaseFacts(planType, longTermSupport, openedOn, team, planStart, later(lastReviewOn, day),
                lastVisitOn, lastChildSeenAloneOn, false, closedOn);
    }

    public CaseFacts visitOn(LocalDate day, boolean childSeenAlone) {
        return new CaseFacts(planType, longTermSupport, openedOn, team, planStart, lastReviewOn,
                later(lastVisitOn, day), childSeenAlone ? later(lastChildSeenAloneOn, day) : lastChildSeenAloneOn,
                seenAloneThisCycle, closedOn);
    }

    public CaseFacts seenAloneSatisfied() {
        return new CaseFacts(planType, longTermSupport, openedOn, team, planStart, lastReviewOn, lastVisitOn,
                lastChildSeenAloneOn, true, closedOn);
    }

    public CaseFacts closed(LocalDate on) {
        return new CaseFacts(planType, longTermSupport, openedOn, team, planStart, lastReviewOn, lastVisitOn,
                lastChildSeenAloneOn, seenAloneThisCycle, on);
    }

    /** The child has been seen alone after the last review (or, before any review, at all). */
    public boolean childSeenAloneSinceLastReview() {
        return lastChildSeenAloneOn != null && (lastReviewOn == null || lastChildSeenAloneOn.isAfter(lastReviewOn));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
