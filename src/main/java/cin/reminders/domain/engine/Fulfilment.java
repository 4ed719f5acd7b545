package cin.reminders.domain.engine;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.ObligationKind;

/**
 * Which event fulfils which obligation (CONTRACT.md §1, "Which event fulfils which obligation").
 * The distribution kinds and CLOSURE_NOTIFICATION are fulfilled by the service's own dispatch,
 * and any kind by a {@code cin.task.completed} naming it.
 */
final class Fulfilment {

    private Fulfilment() {
    }

    static boolean fulfils(CaseEvent event, Obligation obligation, CaseFacts before) {
        EventType type = event.type();
        if (type == EventType.TASK_COMPLETED) {
            return event.data().string("kind").equals(obligation.kind().name());
        }
        return switch (obligation.kind()) {
            case PLANNING_MEETING -> type == EventType.PLANNING_MEETING_HELD;
            case INITIAL_PLAN -> type == EventType.INITIAL_PLAN_CREATED;
            case PLAN_REVIEW -> type == EventType.REVIEW_HELD;
            case FORMAL_REVIEW -> type == EventType.REVIEW_HELD && event.data().bool("formal");
            case HOME_VISIT -> type == EventType.VISIT_COMPLETED;
            case SEE_CHILD_ALONE -> type == EventType.VISIT_COMPLETED && event.data().bool("childSeenAlone")
                    && seenAfterLastReview(event, before);
            case CARE_TEAM_MEETING -> type == EventType.CARE_TEAM_MEETING_HELD;
            case PLAN_COMPLETION -> type == EventType.PLAN_PUBLISHED;
            default -> false;
        };
    }

    /** P9: only a visit made after the last review counts towards the next one. */
    private static boolean seenAfterLastReview(CaseEvent event, CaseFacts before) {
        return before.lastReviewOn() == null || event.date().isAfter(before.lastReviewOn());
    }

    /** Kinds the dispatch of a published document's copies fulfils. */
    static boolean isSeeChildAlone(ObligationKind kind) {
        return kind == ObligationKind.SEE_CHILD_ALONE;
    }
}
