package cin.reminders.notice;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.SmtpSink;
import cin.reminders.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import cin.reminders.domain.policy.ReminderPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The right people get the right message, by the right channel, in their language; withheld parents get nothing. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class NoticeDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    ServiceClock clock;

    @BeforeEach
    void weekdayMorning() {
        clock.restartAt(Instant.parse("2026-03-02T10:00:00Z")); // Monday 10:00 in London
    }

    @Test
    void planCopiesReachFamilyAndAgenciesAndFulfilTheDistribution() {
        CaseScript c = new CaseScript("durham", "NP");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("tm", "TEAM_MANAGER", "EMAIL"))
                .upsert(c.person("mum", "PARENT", "SMS").put("mobile", "07700900101").putNull("email"))
                .upsert(c.person("dad", "PARENT", "EMAIL").put("receivesCopies", false)
                        .put("withholdReason", "contrary to the child's welfare"))
                .upsert(c.person("teen", "CHILD", "EMAIL").put("language", "cy").put("dateOfBirth", "2013-06-01")
                        .put("name", "Mo <script>alert(1)</script>"))
                .upsert(c.person("little", "CHILD", "EMAIL").put("dateOfBirth", "2019-01-01"))
                .upsert(c.person("school", "AGENCY", "EMAIL").put("agency", "Primary school"))
                .event("cin.case.opened", "2026-02-20", "planType", "CHILD_IN_NEED")
                .event("cin.planning-meeting.held", "2026-03-02")
                .event("cin.plan.published", "2026-03-02", "version", 1, "documentUrl", "https://cms.example/plans/1?a=1&b=2",
                        "amended", false);

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("SENT", c.notice("plan-copy", "mum").get("status"));
            assertEquals("SENT", c.notice("plan-copy", "teen").get("status"));
            assertEquals("SENT", c.notice("plan-copy", "school").get("status"));
        });
        Map<String, Object> dad = c.notice("plan-copy", "dad");
        assertEquals("SUPPRESSED", dad.get("status"));
        assertTrue(((String) dad.get("reason")).contains("contrary to the child's welfare"));
        assertNull(c.notice("plan-copy", "little"), "a child under 12 is not sent copies");
        assertEquals("SMS", c.notice("plan-copy", "mum").get("channel"));

        // The Welsh-speaking teenager's email: Welsh words, the link, and their name escaped in the HTML.
        MimeMessage teen = SmtpSink.await(m -> c.emailOf("teen").equals(SmtpSink.mailbox(m)), 1, WAIT).get(0);
        String html = SmtpSink.html(teen);
        assertTrue(SmtpSink.text(teen).contains("cynllun") || SmtpSink.text(teen).contains("Cynllun"), SmtpSink.text(teen));
        assertTrue(html.contains("https://cms.example/plans/1?a=1&amp;b=2"), html);
        assertFalse(html.contains("<script>"), "values are escaped in HTML");
        assertFalse(SmtpSink.text(teen).contains(c.caseId), "no case reference in family messages");

        // The parent's text, through Notify, with the link.
        NotifyStub.Accepted sms = NotifyStub.accepted().stream()
                .filter(a -> a.reference().equals(c.notice("plan-copy", "mum").get("id"))).findFirst().orElseThrow();
        assertEquals("+447700900101", sms.recipient());
        assertTrue(sms.body().contains("https://cms.example/plans/1?a=1&b=2"), sms.body());
        assertNotNull(c.notice("plan-copy", "mum").get("smsFragments"));

        // Every recipient has it or is withheld: the plan distribution is fulfilled by the dispatch.
        await().atMost(WAIT).untilAsserted(() ->
                assertEquals("COMPLETED", c.obligations().getString("find { it.kind == 'PLAN_DISTRIBUTION' }.status")));

        // Outcomes are published as CloudEvents on notice-receipts.
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> types = TestKafka.readAll("notice-receipts", Duration.ofMillis(500)).stream()
                    .filter(r -> c.caseId.equals(r.key()))
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .map(v -> v.replaceAll(".*\"type\":\"([^\"]+)\".*", "$1")).toList();
            assertTrue(types.contains("cin.notice.sent") && types.contains("cin.notice.suppressed"), types.toString());
        });
    }

    @Test
    void meetingInvitationsGoNowAndTheirRemindersTheDayBeforeAtTen() {
        CaseScript c = new CaseScript("portsmouth", "NM");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("gran", "CARER", "EMAIL"))
                .upsert(c.person("hv", "AGENCY", "EMAIL").put("addressConfidential", false))
                .event("cin.meeting.scheduled", "2026-03-02", "meeting", "PLANNING", "startsAt", "2026-03-05T10:30",
                        "venue", "Civic Offices, Room 4", "invitees", List.of("gran", "hv"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("meeting-invitation", "gran").get("status")));
        MimeMessage invitation = SmtpSink.await(m -> c.emailOf("gran").equals(SmtpSink.mailbox(m)), 1, WAIT).get(0);
        assertTrue(SmtpSink.text(invitation).contains("Civic Offices, Room 4"));
        Map<String, Object> reminder = c.notice("meeting-reminder", "gran");
        assertEquals("SCHEDULED", reminder.get("status"));
        assertEquals("2026-03-04T10:00:00Z", reminder.get("scheduledFor"));
    }

    @Test
    void aConfidentialAddressKeepsTheVenueOutOfEveryMessage() {
        CaseScript c = new CaseScript("walsall", "NC");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("mum", "PARENT", "EMAIL").put("addressConfidential", true))
                .upsert(c.person("aunt", "CARER", "EMAIL"))
                .event("cin.meeting.scheduled", "2026-03-02", "meeting", "REVIEW", "startsAt", "2026-03-09T16:00",
                        "venue", "12 Hidden Lane", "invitees", List.of("mum", "aunt"));
        List<MimeMessage> mail = SmtpSink.await(m -> SmtpSink.mailbox(m).endsWith(c.caseId.toLowerCase() + ".example"), 2, WAIT);
        for (MimeMessage m : mail) {
            assertFalse(SmtpSink.text(m).contains("Hidden Lane"), "the venue is kept out");
            assertFalse(SmtpSink.html(m).contains("Hidden Lane"), "the venue is kept out");
        }
    }

    /** Moves the clock past the settle period after the events just sent (a ladder born past waits it out). */
    private void settle() {
        clock.restartAt(clock.now().plus(ReminderPolicy.STANDARD_SETTLE).plusSeconds(30));
    }

    @Test
    void theRemindersOfAnObligationGoToItsOwnerAndEscalateToTheManager() {
        CaseScript c = new CaseScript("walsall", "NR");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("tm", "TEAM_MANAGER", "EMAIL"))
                // LEGAL_ADVICE due 2026-03-04: the 5-working-day reminder is already past, so it goes once the case has
                // settled (the settle period after its last event: the next event of a backlog might have completed it).
                .event("cin.working-agreement.signed", "2026-02-25", "agreementNumber", 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> c.notices("obligation-reminder").stream()
                .noneMatch(n -> "SENT".equals(n.get("status"))));
        settle();
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, c.notices("obligation-reminder").stream()
                .filter(n -> "SENT".equals(n.get("status"))).count()));
        assertEquals("lp", ((Map<?, ?>) c.notices("obligation-reminder").get(0).get("recipient")).get("participantId"));
        // The ladder's next rung is in the audit record already: 1 working day before, at 08:30.
        assertTrue(c.notices("obligation-reminder").stream().anyMatch(n -> "SCHEDULED".equals(n.get("status"))
                && "2026-03-03T08:30:00Z".equals(n.get("scheduledFor"))), c.notices("obligation-reminder").toString());
        MimeMessage reminder = SmtpSink.await(m -> c.emailOf("lp").equals(SmtpSink.mailbox(m)), 1, WAIT).get(0);
        assertTrue(SmtpSink.text(reminder).contains(c.caseId), "professionals see the case reference");

        // Back-dated: LEGAL_ADVICE due 2026-02-18 is overdue, so the team manager hears, with the lead professional copied.
        CaseScript late = new CaseScript("walsall", "NE");
        late.upsert(late.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(late.person("tm", "TEAM_MANAGER", "EMAIL"))
                .event("cin.working-agreement.signed", "2026-02-11", "agreementNumber", 1);
        settle();
        // Two sent for the overdue step (the audit record also lists the ladder's next rung, SCHEDULED, once the
        // firing has moved the ladder on: counted apart, as the first case's are above).
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> overdue = late.notices("obligation-overdue");
            assertEquals(2, overdue.stream().filter(n -> "SENT".equals(n.get("status"))).count(), overdue.toString());
            assertTrue(overdue.stream().allMatch(n -> "SENT".equals(n.get("status")) || "SCHEDULED".equals(n.get("status"))),
                    overdue.toString());
            assertEquals(0, late.notices("obligation-reminder").size(), "only the most recent step of a back-dated ladder");
        });
        SmtpSink.await(m -> late.emailOf("tm").equals(SmtpSink.mailbox(m)), 1, WAIT);
        SmtpSink.await(m -> late.emailOf("lp").equals(SmtpSink.mailbox(m)), 1, WAIT);
    }

    @Test
    void anAgreedDateBeyondTheMaximumTellsTheTeamManager() {
        CaseScript c = new CaseScript("derbyshire", "NB");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("tm", "TEAM_MANAGER", "EMAIL"))
                .event("cin.planning-meeting.held", "2026-02-27", "firstReviewDate", "2026-06-01");
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("policy-breach", "tm").get("status")));
        MimeMessage breach = SmtpSink.await(m -> c.emailOf("tm").equals(SmtpSink.mailbox(m))
                && SmtpSink.text(m).contains("1 June 2026"), 1, WAIT).get(0);
        assertTrue(SmtpSink.text(breach).contains("10 April 2026"), SmtpSink.text(breach)); // 6 weeks: the maximum stands
    }

    @Test
    void closingAPortsmouthCaseSendsClosureNoticesAndFulfilsTheNotification() {
        CaseScript c = new CaseScript("portsmouth", "NX");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("mum", "PARENT", "EMAIL"))
                .upsert(c.person("gp", "AGENCY", "EMAIL"))
                .event("cin.case.opened", "2026-01-05", "planType", "CHILD_IN_NEED")
                .event("cin.case.closed", "2026-03-02", "reason", "needs met");
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals("SENT", c.notice("closure-notice", "mum").get("status"));
            assertEquals("SENT", c.notice("closure-notice", "gp").get("status"));
            assertEquals("COMPLETED", c.obligations().getString("find { it.kind == 'CLOSURE_NOTIFICATION' }.status"));
        });
        MimeMessage notice = SmtpSink.await(m -> c.emailOf("mum").equals(SmtpSink.mailbox(m)), 1, WAIT).get(0);
        assertTrue(SmtpSink.text(notice).contains("2 March 2026"), SmtpSink.text(notice));
    }

    @Test
    void derbyshireWarnsOfAMeetingInSchoolHoursForASchoolAgeChild() {
        CaseScript c = new CaseScript("derbyshire", "NS");
        c.upsert(c.person("lp", "LEAD_PROFESSIONAL", "EMAIL"))
                .upsert(c.person("kid", "CHILD", "EMAIL").put("dateOfBirth", "2016-05-01"))
                .event("cin.meeting.scheduled", "2026-03-02", "meeting", "PLANNING", "startsAt", "2026-03-10T11:00",
                        "venue", "Family Centre", "invitees", List.of("kid"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("SENT", c.notice("school-hours-warning", "lp").get("status")));
    }
}
