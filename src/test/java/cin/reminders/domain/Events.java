package cin.reminders.domain;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.testing.CloudEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/** Builds contract-shaped CloudEvents for core tests. */
public final class Events {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudEventReader READER = new CloudEventReader(TestPolicies.registry()::knows);

    private final String authority;
    private final String caseId;

    public Events(String authority, String caseId) {
        this.authority = authority;
        this.caseId = caseId;
    }

    /** A structured CloudEvent with {@code data.date} and the given extra data fields (name, value pairs). */
    public ObjectNode json(String type, String date, Object... fields) {
        return CloudEvents.event(authority, caseId, type, date, fields);
    }

    public CaseEvent event(String type, String date, Object... fields) {
        return READER.read(json(type, date, fields));
    }

    public CaseEvent participant(String id, String role, Object... extra) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id);
        p.put("role", role);
        p.put("name", role + " " + id);
        p.put("preferredChannel", "EMAIL");
        p.put("language", "en");
        p.put("email", id + "@example.org");
        for (int i = 0; i < extra.length; i += 2) {
            p.set((String) extra[i], JSON.valueToTree(extra[i + 1]));
        }
        return READER.read(json("cin.participant.upserted", null, "participant", p));
    }

    public static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }
}
