package cin.reminders.notice.service;

import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.notice.ReminderLadder;
import cin.reminders.domain.notice.ReminderStep;
import cin.reminders.domain.notice.SettleRule;
import cin.reminders.notice.repository.ReminderRungStore;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The first rung of each new obligation's reminder ladder: the most recent step already due, else the first step to
 * come. A step already due means the obligation was born past it (back-dated events, a backlog being caught up):
 * it waits out the council's settle period and is then re-checked by the firer ({@link SettleRule}), so that the
 * next event of a backlog can complete the obligation before anyone is told it is overdue.
 */
@ApplicationScoped
public class FirstReminders {

    private final PolicyRegistry policies;

    public FirstReminders(PolicyRegistry policies) {
        this.policies = policies;
    }

    public Map<UUID, ReminderRungStore.First> firstSteps(Collection<Obligation> created, Instant now) {
        Map<UUID, ReminderRungStore.First> steps = new HashMap<>();
        for (Obligation o : created) {
            if (!o.isOpen() || o.dueDate() == null) {
                continue;
            }
            Policy policy = policies.get(o.authority());
            ReminderLadder.Plan plan = new ReminderLadder(policy.calendar(), policy.reminders())
                    .at(now, o.dueDate(), o.goodPracticeOn(), null);
            // A step already due is born past: due once the settle period is out (at once with none); otherwise the
            // ladder waits for the first one to come.
            if (plan.sendNow().isPresent()) {
                java.time.Duration settle = policy.reminders().settle();
                Instant at = settle.isZero() || settle.isNegative() ? now : now.plus(settle);
                steps.put(o.id(), new ReminderRungStore.First(new ReminderStep(plan.sendNow().get().key(), at),
                        settle.isZero() || settle.isNegative() ? null : now));
            } else {
                plan.next().ifPresent(s -> steps.put(o.id(), ReminderRungStore.First.ordinary(s)));
            }
        }
        return steps;
    }
}
