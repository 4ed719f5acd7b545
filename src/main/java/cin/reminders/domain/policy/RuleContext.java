package cin.reminders.domain.policy;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.PlanType;
import java.time.LocalDate;
import java.util.Set;

/**
 * What a condition may look at: the event, the case facts just before and just after it, and the
 * kinds open once the event's fulfilments have been applied.
 */
public record RuleContext(
        CaseEvent event,
        LocalDate planStartBefore,
        LocalDate lastReviewBefore,
        PlanType planType,
        boolean longTermSupport,
        Set<ObligationKind> openKinds) {
}
