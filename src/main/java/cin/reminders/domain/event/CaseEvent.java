package cin.reminders.domain.event;

import cin.reminders.domain.model.CaseRef;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A validated case event. {@code data} has passed the checks of its {@link EventType}, so the
 * typed getters of {@link EventData} can be trusted.
 *
 * @param date the day the thing happened ({@code data.date}); for participant events, the day of {@code time} in Europe/London
 */
public record CaseEvent(
        String source,
        String id,
        EventType type,
        String caseId,
        String authority,
        Instant time,
        LocalDate date,
        EventData data) {

    /** The case it is about: {@code caseId} within {@code authority}. */
    public CaseRef ref() {
        return new CaseRef(authority, caseId);
    }

    public EventKey key() {
        return new EventKey(source, id);
    }

    /** The event as a structured CloudEvent, for the DLQ and previews. */
    public JsonNode dataNode() {
        return data.node();
    }

    @Override
    public String toString() {
        // No data: it can hold names, emails and phone numbers.
        return "CaseEvent[" + type.type() + " " + key() + " case=" + caseId + "]";
    }
}
