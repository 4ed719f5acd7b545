package cin.reminders.domain.policy;

import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.Role;
import java.util.List;
import java.util.Set;

/**
 * Which participants receive copies when a document is published or a case closes
 * (POLICIES.md rows D4, D5, L4-L6, W2, W4, U2, U6, P7, P12...).
 *
 * @param on the event that publishes the document
 * @param record for {@code cin.record.published}, which record kinds this row covers (empty = all)
 * @param template the notice template sent
 * @param roles who receives a copy
 */
public record Distribution(String id, EventType on, Set<String> record, String template, List<Role> roles) {
}
