package cin.reminders.notice;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.SmtpSink;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Families reached by post (CONTRACT-2 §5), against the Notify stub: letters go by {@code sendLetter} with the notice
 * id as reference, follow a failed email on the proof-of-service ladder, are not posted when they would arrive after
 * the meeting, are looked up before any resend, and their receipts move them on (a returned letter tells the lead
 * professional).
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class LetterDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final List<String> LINES = List.of("14 Larkspur Row", "Walsall");
    static final String POSTCODE = "WS1 1TP";

    @Inject
    ServiceClock clock;

    @BeforeEach
    void mondayMorning() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z"));
    }

    @AfterEach
    void healthyNotify() {
        NotifyStub.reset();
    }

    static ObjectNode address(List<String> lines, String postcode) {
        ObjectNode address = CloudEvents.JSON.createObjectNode().put("postcode", postcode);
        lines.forEach(address.putArray("lines")::add);
        return address;
    }

    /** A parent with an address and nothing else (no email, no mobile), in the given language. */
    static CaseScript postOnlyParent(String prefix, String language) {
        CaseScript c = new CaseScript("durham", prefix);
        ObjectNode dad = c.person("dad", "PARENT", "EMAIL").put("language", language);
        dad.putNull("email");
        dad.putNull("mobile");
        dad.set("address", address(LINES, POSTCODE));
        return c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL")).upsert(dad);
    }

    static void publishPlan(CaseScript c) {
        c.event("cin.plan.published", "2026-03-02", "version", 1, "documentUrl", "https://cms.example/plans/abc123");
    }

    @Test
    void aParentWithOnlyAnAddressGetsThePlanByLetterInWelsh() {
        CaseScript c = postOnlyParent("LTCY", "cy");
        c.event("cin.planning-meeting.held", "2026-03-02");
        publishPlan(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "dad").get("status")));
        Map<String, Object> copy = c.notice("plan-copy", "dad");
        assertEquals("LETTER", copy.get("channel"));
        assertEquals("notify", copy.get("provider"));
        List<NotifyStub.Letter> letters = NotifyStub.lettersByReference((String) copy.get("id"));
        assertEquals(1, letters.size(), "one letter, with the notice id as its reference");
        NotifyStub.Letter letter = letters.get(0);
        assertEquals(List.of("Name of dad", LINES.get(0), LINES.get(1), POSTCODE), letter.addressLines());
        assertEquals("second", letter.postage()); // the council's policy: second class
        assertEquals(NotifyStub.LETTER_TEMPLATE_ID, letter.templateId());
        assertTrue(letter.body().startsWith("Annwyl"), "in Welsh: " + letter.body().lines().findFirst().orElse(""));
        assertTrue(letter.body().contains("cms.example/plans/abc123"), "the link in a form a person can type");
        assertFalse(letter.body().contains("https://"), "no scheme to type");
        assertTrue(c.notices("contact-failed").isEmpty(), "the parent was reached: nobody is asked to step in");
        // A letter Notify has accepted counts towards the distribution, as email and text do.
        await().atMost(WAIT).untilAsserted(() -> assertEquals("COMPLETED",
                c.obligations().getString("find { it.kind == 'PLAN_DISTRIBUTION' }.status")));
        // No API answer shows the address.
        String answer = given().get("/api/cases/{id}/notices", c.caseId).then().statusCode(200).extract().asString();
        assertFalse(answer.contains("Larkspur") || answer.contains(POSTCODE), "the notices answer holds the address");
    }

    @Test
    void aParentWhoseEmailBouncesForGoodGetsALetterNextAndTheAuditShowsBothSteps() {
        CaseScript c = new CaseScript("durham", "LTBO");
        ObjectNode mum = c.person("mum", "PARENT", "EMAIL");
        mum.putNull("mobile"); // no other digital channel: the letter is the next step
        mum.set("address", address(LINES, POSTCODE));
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL")).upsert(mum);
        publishPlan(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "mum").get("status")));
        String email = (String) c.notice("plan-copy", "mum").get("id");
        assertEquals("EMAIL", c.notice("plan-copy", "mum").get("channel"));
        given().contentType("application/json").header("Authorization", "Bearer " + NotifyStub.CALLBACK_TOKEN)
                .body("{\"reference\":\"" + email + "\",\"status\":\"permanent-failure\"}")
                .post("/api/notify/callbacks").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> steps = c.notices("plan-copy");
            assertEquals(2, steps.size(), "both steps are in the audit record: " + steps);
            Map<String, Object> letter = steps.stream().filter(n -> "LETTER".equals(n.get("channel"))).findFirst().orElseThrow();
            assertEquals("SENT", letter.get("status"));
            assertEquals(email, letter.get("follows"), "the letter is linked to the email it follows");
            assertEquals(1, NotifyStub.lettersByReference((String) letter.get("id")).size());
        });
        assertEquals("FAILED", steps(c, "EMAIL").get("status"));
        assertTrue(c.notices("contact-failed").isEmpty(), "the letter reached her: nobody is asked to step in");
    }

    static Map<String, Object> steps(CaseScript c, String channel) {
        return c.notices("plan-copy").stream().filter(n -> channel.equals(n.get("channel"))).findFirst().orElseThrow();
    }

    @Test
    void anInvitationTwoWorkingDaysAheadIsNotPostedAndTheLeadProfessionalIsToldWithTheDate() {
        CaseScript c = postOnlyParent("LTLATE", "en");
        long lettersBefore = NotifyStub.letters().size();
        // Monday 2 March; the meeting is on Wednesday 4 March: 2 working days, the policy asks for 3.
        c.event("cin.meeting.scheduled", "2026-03-02", "meeting", "CARE_TEAM", "startsAt", "2026-03-04T10:00",
                "venue", "Civic Centre", "invitees", List.of("dad", "lp"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("FAILED", c.notice("meeting-invitation", "dad").get("status"));
            assertEquals("SENT", c.notice("contact-failed", "lp").get("status"));
        });
        var mail = SmtpSink.await(m -> c.emailOf("lp").equals(SmtpSink.mailbox(m))
                && SmtpSink.text(m).contains("Name of dad"), 1, WAIT).get(0);
        String text = SmtpSink.text(mail);
        assertTrue(text.contains("a letter would not arrive before the meeting"), text);
        assertTrue(text.contains("Wednesday 4 March 2026"), "the meeting's date: " + text);
        assertFalse(text.contains("Larkspur") || text.contains(POSTCODE), "the lead professional's email holds no address");
        assertEquals(lettersBefore, NotifyStub.letters().size(), "nothing was posted");
        assertTrue(c.notices("meeting-reminder").stream().noneMatch(n -> "dad".equals(
                ((Map<?, ?>) n.get("recipient")).get("participantId"))), "no reminder for someone nothing can reach");
    }

    @Test
    void anInvitationFarEnoughAheadIsPosted() {
        CaseScript c = postOnlyParent("LTINV", "en");
        c.event("cin.meeting.scheduled", "2026-03-02", "meeting", "CARE_TEAM", "startsAt", "2026-03-09T16:00",
                "venue", "Civic Centre", "invitees", List.of("dad", "lp"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("meeting-invitation", "dad").get("status")));
        assertEquals("LETTER", c.notice("meeting-invitation", "dad").get("channel"));
        NotifyStub.Letter letter = NotifyStub.lettersByReference((String) c.notice("meeting-invitation", "dad").get("id")).get(0);
        assertTrue(letter.body().contains("Monday 9 March 2026"), letter.body());
    }

    /** Notify keeps the letter, but its answer is an error: the retry asks Notify by reference first and finds it. */
    @Test
    void aLetterNotifyKeptDespiteAnErrorIsFoundByReferenceNotPostedTwice() {
        CaseScript c = postOnlyParent("LTAK", "en");
        NotifyStub.acceptThenFail(500, 1);
        publishPlan(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "dad").get("status")));
        Map<String, Object> n = c.notice("plan-copy", "dad");
        assertTrue(((Number) n.get("attempts")).intValue() >= 2, "the first answer was an error: " + n);
        assertEquals(1, NotifyStub.lettersByReference((String) n.get("id")).size(), "Notify had it: not posted again");
    }

    /** Notify refuses the address: the letter fails (invalid-address) and the lead professional is told. */
    @Test
    void anAddressNotifyRefusesTellsTheLeadProfessional() {
        CaseScript c = postOnlyParent("LTBAD", "en");
        NotifyStub.failFor(POSTCODE, 400, "ValidationError", "Must be a real UK postcode");
        try {
            publishPlan(c);
            await().atMost(WAIT).untilAsserted(() -> {
                assertEquals("FAILED", c.notice("plan-copy", "dad").get("status"));
                assertEquals("SENT", c.notice("contact-failed", "lp").get("status"));
            });
            assertTrue(((String) c.notice("plan-copy", "dad").get("reason")).contains("Must be a real UK postcode"));
        } finally {
            NotifyStub.clearFailFor(POSTCODE);
        }
    }

    /** Letter receipts: accepted is SENT, received DELIVERED; a returned letter FAILS (returned) and tells the lead professional. */
    @Test
    void letterReceiptsMoveTheNoticeAndAReturnedLetterTellsTheLeadProfessional() {
        CaseScript c = postOnlyParent("LTRET", "en");
        publishPlan(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "dad").get("status")));
        String id = (String) c.notice("plan-copy", "dad").get("id");
        receipt(id, "accepted");
        assertEquals("SENT", c.notice("plan-copy", "dad").get("status"));
        receipt(id, "received");
        assertEquals("DELIVERED", c.notice("plan-copy", "dad").get("status"));
        receipt(id, "returned-letter");
        assertEquals("FAILED", c.notice("plan-copy", "dad").get("status"));
        assertEquals("returned", c.notice("plan-copy", "dad").get("reason"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("contact-failed", "lp").get("status")));
        var mail = SmtpSink.await(m -> c.emailOf("lp").equals(SmtpSink.mailbox(m))
                && SmtpSink.text(m).contains("came back undelivered"), 1, WAIT).get(0);
        assertFalse(SmtpSink.text(mail).contains("Larkspur"), "no address in the lead professional's email");
    }

    /** Notify's own daily limit (429 TooManyRequestsError): the letter waits for the next day, not an attempt, not a failure. */
    @Test
    void aLetterNotifyRefusesForTheDayWaitsForTheNextDay() {
        CaseScript c = postOnlyParent("LTDAY", "en");
        NotifyStub.failNext(429, 1, "TooManyRequestsError", "Exceeded send limits (20000) for today");
        publishPlan(c);
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> n = c.notice("plan-copy", "dad");
            assertEquals("SCHEDULED", n.get("status"));
            assertTrue(String.valueOf(n.get("reason")).contains("daily limit"), String.valueOf(n.get("reason")));
        });
        Map<String, Object> n = c.notice("plan-copy", "dad");
        assertEquals(0, ((Number) n.get("attempts")).intValue(), "the wait is not an attempt");
        assertEquals(0, NotifyStub.lettersByReference((String) n.get("id")).size());
        assertTrue(c.notices("contact-failed").isEmpty(), "not the family's failure");
    }

    @Test
    void aValidationFailedLetterIsFailedWithNotifysStatusAsTheReason() {
        CaseScript c = postOnlyParent("LTVF", "en");
        publishPlan(c);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("plan-copy", "dad").get("status")));
        receipt((String) c.notice("plan-copy", "dad").get("id"), "validation-failed");
        assertEquals("FAILED", c.notice("plan-copy", "dad").get("status"));
        assertEquals("validation-failed", c.notice("plan-copy", "dad").get("reason"));
    }

    static void receipt(String reference, String status) {
        given().contentType("application/json").header("Authorization", "Bearer " + NotifyStub.CALLBACK_TOKEN)
                .body("{\"reference\":\"" + reference + "\",\"status\":\"" + status + "\",\"notification_type\":\"letter\"}")
                .post("/api/notify/callbacks").then().statusCode(200);
    }
}
