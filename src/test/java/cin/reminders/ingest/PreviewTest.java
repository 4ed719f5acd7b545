package cin.reminders.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dry run shows what events would do, and does none of it. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class PreviewTest {

    @Inject
    ServiceClock clock;

    @Test
    void previewShowsObligationsAndNoticesAndWritesNothing() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        String caseId = CloudEvents.newCaseId("PV");
        var parent = CloudEvents.person("mum", "PARENT", "EMAIL");
        var withheld = CloudEvents.person("dad", "PARENT", "EMAIL").put("receivesCopies", false).put("withholdReason", "court order");
        String batch = List.of(
                CloudEvents.participant("durham", caseId, parent),
                CloudEvents.participant("durham", caseId, withheld),
                CloudEvents.event("durham", caseId, "cin.planning-meeting.held", "2026-02-27", "firstReviewDate", "2026-05-01"),
                CloudEvents.event("durham", caseId, "cin.plan.published", "2026-03-02", "version", 1,
                        "documentUrl", "https://cms.example/p/1")).toString();

        given().contentType("application/cloudevents-batch+json").body(batch).post("/api/preview")
                .then().statusCode(200)
                .body("applied", equalTo(4))
                .body("obligations.kind", hasItem("PLAN_COMPLETION"))
                .body("obligations.find { it.kind == 'PLAN_REVIEW' }.dueDate", equalTo("2026-05-01"))
                .body("notices.findAll { it.template == 'plan-copy' }", hasSize(2))
                .body("notices.find { it.recipient.participantId == 'dad' }.status", equalTo("SUPPRESSED"));

        // Nothing was written: the case is unknown, and the same events still apply afresh.
        given().get("/api/cases/{id}/obligations", caseId).then().statusCode(404);
        given().contentType("application/cloudevents-batch+json").body(batch).post("/api/events")
                .then().statusCode(202).body("applied", equalTo(4)).body("duplicates", equalTo(0));
    }

    @Test
    void badInputIsRefusedAsForEvents() {
        given().contentType("application/cloudevents+json")
                .body(CloudEvents.event("nowhere", "PV-X", "cin.case.opened", "2026-03-02", "planType", "CHILD_IN_NEED").toString())
                .post("/api/preview").then().statusCode(400).body("field", equalTo("authority"));
    }
}
