package cin.reminders.domain.engine;

import java.util.List;

/**
 * What one event did to a case: the state after it, and every obligation it created or changed
 * (in its state after the event).
 */
public record Decision(CaseState after, List<Obligation> changed) {
}
