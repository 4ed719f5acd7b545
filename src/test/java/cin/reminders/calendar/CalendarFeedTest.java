package cin.reminders.calendar;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A professional's deadlines as an iCalendar feed. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class CalendarFeedTest {

    @Inject
    ServiceClock clock;

    @Test
    void theFeedListsTheProfessionalsOpenDeadlinesWithoutFamilyNames() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
        CaseScript c = new CaseScript("walsall", "CAL");
        String worker = "cal-worker-" + c.caseId;
        c.upsert(c.person(worker, "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("mum", "PARENT", "EMAIL").put("name", "Philippa Privateperson"))
                .event("cin.planning-meeting.held", "2026-01-30")
                .event("cin.working-agreement.signed", "2026-03-02", "agreementNumber", 1);
        String url = given().get("/api/professionals/{id}/calendar-link", worker).then().statusCode(200).extract().path("url");
        String ics = given().get(url).then().statusCode(200).extract().asString();
        String unfolded = ics.replace("\r\n ", "");
        assertTrue(unfolded.contains("DTSTART;VALUE=DATE:20260730"), unfolded); // PLAN_REVIEW (W1)
        assertTrue(unfolded.contains("DTSTART;VALUE=DATE:20260309"), unfolded); // LEGAL_ADVICE (W5)
        assertTrue(unfolded.contains(c.caseId));
        assertTrue(!unfolded.contains("Philippa"), "no family names in a calendar");
        given().get("/api/professionals/{id}/calendar.ics", worker).then().statusCode(403);
    }
}
