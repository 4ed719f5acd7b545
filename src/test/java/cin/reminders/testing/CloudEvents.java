package cin.reminders.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Contract-shaped CloudEvents for service tests. */
public final class CloudEvents {

    public static final ObjectMapper JSON = new ObjectMapper();

    private CloudEvents() {
    }

    public static String newCaseId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A structured event; {@code fields} are extra data fields as name, value pairs. */
    public static ObjectNode event(String authority, String caseId, String type, String date, Object... fields) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", "urn:test:service");
        e.put("type", type);
        e.put("subject", caseId);
        e.put("time", (date == null ? "2026-01-01" : date) + "T12:00:00Z");
        e.put("authority", authority);
        e.put("datacontenttype", "application/json");
        ObjectNode data = e.putObject("data");
        data.put("caseId", caseId);
        if (date != null) {
            data.put("date", date);
        }
        for (int i = 0; i < fields.length; i += 2) {
            data.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        return e;
    }

    public static ObjectNode participant(String authority, String caseId, ObjectNode participant) {
        return event(authority, caseId, "cin.participant.upserted", null, "participant", participant);
    }

    public static ObjectNode person(String id, String role, String channel) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id);
        p.put("role", role);
        p.put("name", "Name of " + id);
        p.put("preferredChannel", channel);
        p.put("language", "en");
        p.put("email", id + "@family.example");
        p.put("mobile", "07700900123");
        return p;
    }
}
