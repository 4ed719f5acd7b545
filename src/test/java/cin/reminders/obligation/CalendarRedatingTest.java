package cin.reminders.obligation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.calendar.CalendarRegion;
import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.obligation.service.CalendarRedating;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.Databases;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.PolicyDir;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.SmtpSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Calendar changes re-date (CONTRACT-2 §9), as after a restart with a new closure day: Durham names a gov.uk
 * bank-holiday file with a one-off bank holiday on Tuesday 2 July 2030. Obligations stored before the restart were
 * computed without it: this test puts one case's rows back as the old calendar left them (its due date and its
 * calendar's fingerprint), then starts re-dating as a start does, twice at once as two replicas would.
 * <p>
 * The care team meeting due on the new bank holiday moves to the Monday before; the old date is kept in its history;
 * its ladder follows the new date; its owner is told once, in her language and by her channel; re-dating again does
 * nothing; a review due beyond 2030 (the last year the file covers) is flagged and counted.
 */
@QuarkusTest
@TestProfile(CalendarRedatingTest.DurhamWithABankHolidayFile.class)
class CalendarRedatingTest {

    static final LocalDate ONE_OFF = LocalDate.parse("2030-07-02");
    static final LocalDate DAY_BEFORE = LocalDate.parse("2030-07-01");

    static final String BANK_HOLIDAYS = """
            {"england-and-wales": {"division": "england-and-wales", "events": [
               {"title": "New Year's Day", "date": "2030-01-01", "notes": "", "bunting": true},
               {"title": "Good Friday", "date": "2030-04-19", "notes": "", "bunting": false},
               {"title": "Easter Monday", "date": "2030-04-22", "notes": "", "bunting": true},
               {"title": "Early May bank holiday", "date": "2030-05-06", "notes": "", "bunting": true},
               {"title": "Spring bank holiday", "date": "2030-05-27", "notes": "", "bunting": true},
               {"title": "A one-off bank holiday", "date": "2030-07-02", "notes": "", "bunting": true},
               {"title": "Summer bank holiday", "date": "2030-08-26", "notes": "", "bunting": true},
               {"title": "Christmas Day", "date": "2030-12-25", "notes": "", "bunting": true},
               {"title": "Boxing Day", "date": "2030-12-26", "notes": "", "bunting": true}]},
             "scotland": {"division": "scotland", "events": []},
             "northern-ireland": {"division": "northern-ireland", "events": []}}
            """;

    public static class DurhamWithABankHolidayFile extends RealInfrastructure {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(PolicyDir.withEdited("durham.yaml", "durham.yaml",
                    yaml -> yaml.replace("  closures: []", "  closures: []\n  bankHolidays: bank-holidays.json"),
                    Map.of("bank-holidays.json", BANK_HOLIDAYS)));
            config.put("reminders.redating.on-start", "false"); // started by the test, after it has set the scene
            config.put("reminders.metrics.refresh", "1s");
            return config;
        }
    }

    @Inject
    ServiceClock clock;

    @Inject
    CalendarRedating redating;

    @Inject
    PolicyRegistry policies;

    @Inject
    MeterRegistry metrics;

    @Inject
    @ReactiveDataSource(Databases.ALL_COUNCILS)
    Pool pool;

    @Test
    void anOpenObligationOnANewBankHolidayIsReDatedOnceWithItsHistoryLadderAndOwnerTold() {
        WorkingCalendar before = WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of());
        assertNotEquals(before.fingerprint(), policies.get("durham").calendar().fingerprint(), "the file changes the calendar");
        clock.restartAt(Instant.parse("2030-05-07T09:00:00Z"));

        // An owner who reads email in English, and one who reads texts in Welsh.
        CaseScript english = new CaseScript("durham", "REDATE-EN");
        CaseScript welsh = new CaseScript("durham", "REDATE-CY");
        english.upsert(english.person("lp", "LEAD_PROFESSIONAL", "EMAIL"));
        welsh.upsert(welsh.person("lp", "LEAD_PROFESSIONAL", "SMS").put("language", "cy").put("mobile", "07700900733"));
        for (CaseScript c : List.of(english, welsh)) {
            c.event("cin.case.opened", "2030-04-01", "planType", "CHILD_IN_NEED", "longTermSupport", false)
                    .event("cin.planning-meeting.held", "2030-04-15", "firstReviewDate", "2031-02-03")
                    // U5: the next care team meeting within 8 weeks: Tuesday 2 July 2030, the new bank holiday.
                    .event("cin.care-team.meeting-held", "2030-05-07");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(DAY_BEFORE.toString(), careTeamMeeting(english).get("dueDate"), "computed with the file");
            assertEquals(DAY_BEFORE.toString(), careTeamMeeting(welsh).get("dueDate"));
        });

        // Before the restart: the same rows as the calendar without the one-off day computed them.
        for (CaseScript c : List.of(english, welsh)) {
            execute("update obligation set calendar_fp = $1, due_date = case when kind = 'CARE_TEAM_MEETING' then $2"
                    + " else due_date end where authority = 'durham' and case_id = $3 and status = 'OPEN'",
                    Tuple.of(before.fingerprint(), ONE_OFF, c.caseId));
            execute("update reminder_rung set due_at = $1 where obligation_id in (select id from obligation where"
                    + " authority = 'durham' and case_id = $2)", Tuple.of(OffsetDateTime.parse("2030-06-25T07:30:00Z"), c.caseId));
        }
        execute("update calendar_state set fingerprint = $1 where authority = 'durham'", Tuple.of(before.fingerprint()));
        assertEquals(ONE_OFF.toString(), careTeamMeeting(english).get("dueDate"));

        // The start: two replicas at once, then a third start.
        List<CalendarRedating.Report> both = Uni.join().all(redating.redate("durham"), redating.redate("durham"))
                .andFailFast().await().atMost(Duration.ofSeconds(60));
        assertEquals(2, both.stream().mapToInt(CalendarRedating.Report::moved).sum(), "each move made once: " + both);
        assertEquals(new CalendarRedating.Report(0, 0), redating.redate("durham").await().atMost(Duration.ofSeconds(30)),
                "the calendar re-dated to is recorded: a start with it changes nothing");

        for (CaseScript c : List.of(english, welsh)) {
            Map<String, Object> meeting = careTeamMeeting(c);
            assertEquals(DAY_BEFORE.toString(), meeting.get("dueDate"));
            assertEquals(List.of(Map.of("previousDueDate", ONE_OFF.toString(), "dueDate", DAY_BEFORE.toString())),
                    ((List<?>) meeting.get("dueDateHistory")).stream().map(h -> {
                        Map<?, ?> m = (Map<?, ?>) h;
                        return Map.of("previousDueDate", m.get("previousDueDate"), "dueDate", m.get("dueDate"));
                    }).toList());
            // The ladder follows the new date: its first rung, 5 working days before Monday 1 July, at 08:30.
            assertEquals(OffsetDateTime.parse("2030-06-24T07:30:00Z").toInstant(), rungOf(c));
            assertNull(obligation(c, "PLAN_REVIEW").get("dueDateHistory"), "nothing else moved");
        }

        // The owners are told once: by email in English, by text in Welsh, in working hours (now, 10:00 on a Tuesday).
        List<jakarta.mail.internet.MimeMessage> emails = SmtpSink.await(
                m -> english.emailOf("lp").equals(SmtpSink.mailbox(m)) && subject(m).startsWith("Due date moved"),
                1, Duration.ofSeconds(30));
        String text = SmtpSink.text(emails.get(0));
        assertTrue(text.contains("It is now due on Monday 1 July 2030 instead of Tuesday 2 July 2030."), text);
        assertEquals("Due date moved to Monday 1 July 2030: Care team meeting (case " + english.caseId + ")",
                subject(emails.get(0)), "no child's name in the subject");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<NotifyStub.Accepted> texts = NotifyStub.accepted().stream()
                    .filter(a -> String.valueOf(a.body()).contains(welsh.caseId) && a.body().contains("wedi symud")).toList();
            assertEquals(1, texts.size(), () -> texts + " " + welsh.notices("due-date-changed"));
            assertTrue(texts.get(0).body().contains("o Dydd Mawrth 2 Gorffennaf 2030 i Dydd Llun 1 Gorffennaf 2030"),
                    texts.get(0).body());
        });
        assertEquals(1, english.notices("due-date-changed").size());
        assertEquals(1, welsh.notices("due-date-changed").size());
        assertEquals(1, SmtpSink.messages().stream().filter(m -> english.emailOf("lp").equals(SmtpSink.mailbox(m))
                && subject(m).startsWith("Due date moved")).count(), "told once, whatever the replicas");

        // An old pod during a rolling deploy writes the English case's meeting in the old calendar again, after the
        // start has recorded the new one: a start does not see it (one row read), the sweep does, and puts it right
        // without telling the owner a second time of the same calendar.
        execute("update obligation set calendar_fp = $1, due_date = $2 where authority = 'durham' and case_id = $3"
                + " and kind = 'CARE_TEAM_MEETING' and status = 'OPEN'", Tuple.of(before.fingerprint(), ONE_OFF, english.caseId));
        assertEquals(new CalendarRedating.Report(0, 0), redating.redate("durham").await().atMost(Duration.ofSeconds(30)));
        assertEquals(ONE_OFF.toString(), careTeamMeeting(english).get("dueDate"));
        redating.sweep().await().atMost(Duration.ofSeconds(60));
        assertEquals(DAY_BEFORE.toString(), careTeamMeeting(english).get("dueDate"), "the sweep re-dated it");
        assertEquals(1, english.notices("due-date-changed").size(), "the owner was told of this calendar once");

        // The review agreed for February 2031 lies beyond the file's last year: flagged, and counted.
        assertEquals(Boolean.TRUE, obligation(english, "PLAN_REVIEW").get("beyondCalendar"));
        assertFalse(obligation(english, "CARE_TEAM_MEETING").containsKey("beyondCalendar"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            io.micrometer.core.instrument.Gauge beyond = metrics.find("cin.obligations.beyond.calendar")
                    .tags("authority", "durham").gauge();
            assertTrue(beyond != null && beyond.value() >= 2, "the two reviews of 2031 counted");
        });
    }

    private static Map<String, Object> careTeamMeeting(CaseScript c) {
        return obligation(c, "CARE_TEAM_MEETING");
    }

    private static Map<String, Object> obligation(CaseScript c, String kind) {
        return c.obligations().getMap("find { it.kind == '" + kind + "' && it.status == 'OPEN' }");
    }

    private Instant rungOf(CaseScript c) {
        return pool.preparedQuery("select r.due_at from reminder_rung r join obligation o on o.id = r.obligation_id"
                        + " where o.authority = 'durham' and o.case_id = $1 and o.kind = 'CARE_TEAM_MEETING' and o.status = 'OPEN'")
                .execute(Tuple.of(c.caseId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getOffsetDateTime("due_at").toInstant();
    }

    private static String subject(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, Tuple args) {
        pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10));
    }
}
