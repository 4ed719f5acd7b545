package cin.reminders.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Posts a case's events over HTTP and reads back its obligations and notices: service tests read like a case history. */
public final class CaseScript {

    public final String authority;
    public final String caseId;

    public CaseScript(String authority, String prefix) {
        this.authority = authority;
        this.caseId = CloudEvents.newCaseId(prefix);
    }

    /** A participant with the case id in their email address, so each test finds its own messages. */
    public ObjectNode person(String id, String role, String channel) {
        ObjectNode p = CloudEvents.person(id, role, channel);
        p.put("email", id + "@" + caseId.toLowerCase() + ".example");
        return p;
    }

    public String emailOf(String id) {
        return id + "@" + caseId.toLowerCase() + ".example";
    }

    public CaseScript upsert(ObjectNode person) {
        return post(CloudEvents.participant(authority, caseId, person));
    }

    public CaseScript event(String type, String date, Object... fields) {
        return post(CloudEvents.event(authority, caseId, type, date, fields));
    }

    public CaseScript post(ObjectNode event) {
        given().contentType("application/cloudevents+json").body(event.toString()).post("/api/events")
                .then().statusCode(202);
        return this;
    }

    public JsonPath notices() {
        return given().get("/api/cases/{id}/notices", caseId).then().statusCode(200).extract().jsonPath();
    }

    public JsonPath obligations() {
        return given().get("/api/cases/{id}/obligations", caseId).then().statusCode(200).extract().jsonPath();
    }

    /** The notices of a template, as maps. */
    public List<Map<String, Object>> notices(String template) {
        return new ArrayList<>(notices().getList("findAll { it.template == '" + template + "' }"));
    }

    public Map<String, Object> notice(String template, String participantId) {
        return notices().getMap("find { it.template == '" + template + "' && it.recipient.participantId == '"
                + participantId + "' }");
    }
}
