package cin.reminders.notice.service;

import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.notice.ReminderLadder;
import cin.reminders.domain.notice.ReminderStep;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The first rung of each new obligation's reminder ladder: the most recent step already due (sent
 * at once, and only that one), else the first step to come.
 */
@ApplicationScoped
public class FirstReminders {

    private final PolicyRegistry policies;

    public FirstReminders(PolicyRegistry policies) {
        this.policies = policies;
    }

    public Map<UUID, ReminderStep> firstSteps(Collection<Obligation> created, Instant now) {
        Map<UUID, ReminderStep> steps = new HashMap<>();
        for (Obligation o : created) {
            if (!o.isOpen() || o.dueDate() == null) {
                continue;
            }
            Policy policy = policies.get(o.authority());
            ReminderLadder.Plan plan = new ReminderLadder(policy.calendar(), policy.reminders())
                    .at(now, o.dueDate(), o.goodPracticeOn(), null);
            // A step already due fires at once (now); otherwise the ladder waits for the first one to come.
            plan.sendNow().map(s -> new ReminderStep(s.key(), now)).or(plan::next)
                    .ifPresent(s -> steps.put(o.id(), s));
        }
        return steps;
    }
}
