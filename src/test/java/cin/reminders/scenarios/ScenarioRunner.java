package cin.reminders.scenarios;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Drives a scenario's expectations against the running service over HTTP, polling as the scenario README says. */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    /** A copy of the scenario's events under another case id and event ids, so HTTP and Kafka runs do not collide. */
    public static List<JsonNode> rename(Scenario s, String prefix) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : s.events()) {
            ObjectNode copy = e.deepCopy();
            copy.put("id", prefix + e.get("id").asText());
            copy.put("subject", prefix + s.caseId());
            ((ObjectNode) copy.get("data")).put("caseId", prefix + s.caseId());
            out.add(copy);
        }
        return out;
    }

    /** A copy of the scenario's events under the case id given, with its event ids prefixed. */
    public static List<JsonNode> underCaseId(Scenario s, String caseId, String eventPrefix) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : s.events()) {
            ObjectNode copy = e.deepCopy();
            copy.put("id", eventPrefix + e.get("id").asText());
            copy.put("subject", caseId);
            ((ObjectNode) copy.get("data")).put("caseId", caseId);
            out.add(copy);
        }
        return out;
    }

    /** Polls {@code GET /api/cases/{id}/obligations} until it shows exactly what the scenario expects (30 s at most). */
    public static void awaitExpected(Scenario s, String caseId) {
        awaitExpected(s, caseId, null);
    }

    /** The same, for the case of that id in {@code authority} (null: the id names one case). */
    public static void awaitExpected(Scenario s, String caseId, String authority) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var request = given().accept(ContentType.JSON);
            if (authority != null) {
                request = request.queryParam("authority", authority);
            }
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    request.get("/api/cases/{id}/obligations", caseId)
                            .then().statusCode(200).extract().asString());
            List<Scenario.Row> actual = new ArrayList<>();
            List<String> cancelled = new ArrayList<>();
            body.forEach(o -> {
                String status = o.get("status").asText();
                if (status.equals("CANCELLED")) {
                    cancelled.add(o.get("kind").asText());
                } else {
                    actual.add(new Scenario.Row(o.get("kind").asText(),
                            o.hasNonNull("dueDate") ? o.get("dueDate").asText() : null, status));
                }
            });
            if (!Scenario.sameRows(s.expected(), actual)) {
                throw new AssertionError(s.name() + ": expected " + s.expected() + "\n but got " + actual);
            }
            if (!cancelled.containsAll(s.cancelledKinds())) {
                throw new AssertionError(s.name() + ": expected cancelled " + s.cancelledKinds() + " but got " + cancelled);
            }
        });
    }
}
