package cin.reminders.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cin.reminders.platform.ServiceClock;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.NotifyStub;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.RequiredTools;
import cin.reminders.testing.TestKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The managers' dashboard over real PostgreSQL and Kafka: cases in five councils (overdue, due this
 * week, done on time, done late, replaced after their due date), a text that Notify refuses, and an
 * event dead-lettered on Kafka; the page's figures are checked against the read API, then the page
 * is photographed with headless Chromium.
 * <p>
 * Other service tests share the database, so every figure is compared with what the API says at
 * the same moment, or read off rows only this test's cases fill (their team and owners).
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class DashboardTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z"); // a Monday morning (GMT)
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final String TEAM = "Family Support East";
    static final String MUM_MOBILE = "07700900471";
    static final String MUM_NAME = "Jordan Example";
    static final String CSS = "/webjars/govuk-frontend/5.7.1/dist/govuk/govuk-frontend.min.css";

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    static final Pattern PHONE = Pattern.compile("(\\+44\\s?7\\d{3}|\\b07\\d{3})\\s?\\d{3}\\s?\\d{3}\\b");

    /** Seeded once for the class (the Quarkus instance, and so the database, outlive the test methods). */
    static final Map<String, CaseScript> CASES = new LinkedHashMap<>();
    static String poisonKey;
    static RuntimeException seedingFailed;

    @Inject
    ServiceClock clock;

    @TestHTTPResource("/dashboard")
    URL url;

    @BeforeEach
    void seedOnce() {
        clock.restartAt(NOW);
        if (seedingFailed != null) {
            throw seedingFailed;
        }
        if (CASES.isEmpty()) {
            try {
                deadLetterOne();
                seedCases();
            } catch (RuntimeException | AssertionError e) {
                seedingFailed = new IllegalStateException("Seeding the dashboard's cases failed", e);
                throw seedingFailed;
            }
        }
    }

    // ---- The tests --------------------------------------------------------------------------------

    @Test
    void thePageShowsTheSeededFiguresAsTheApiDoes() {
        String html = awaitSeededPage();

        // Structure and accessibility.
        assertTrue(html.contains("<html lang=\"en\" class=\"govuk-template\">"), "lang=\"en\" on the html element");
        assertEquals(1, count(html, "<h1"), "exactly one h1");
        assertTrue(html.contains("class=\"govuk-skip-link\""), "a skip link");
        assertTrue(html.contains("id=\"main-content\""), "the skip link's target");
        assertTrue(html.contains("Children in need: timescales"), "the service name");
        assertTrue(html.contains(CSS), "GOV.UK Frontend CSS from the WebJar");
        assertTrue(html.contains("/webjars/govuk-frontend/5.7.1/dist/govuk/govuk-frontend.min.js"), "and its JS");
        assertTrue(html.contains("class=\"govuk-footer\""), "a footer");
        for (String caption : List.of("By council", "By team", "By owner", "On-time compliance by obligation",
                "Delivery failures")) {
            assertTrue(Pattern.compile("<caption class=\"govuk-table__caption[^\"]*\">" + Pattern.quote(caption))
                    .matcher(html).find(), "table caption " + caption);
        }
        for (String section : List.of("Today at a glance", "Overdue and due this week", "On time in the last 12 months",
                "Notices that failed in the last 14 days", "Events that could not be processed")) {
            assertTrue(Pattern.compile("<h2 class=\"govuk-heading-l\"[^>]*>" + Pattern.quote(section)).matcher(html).find(),
                    "section " + section);
        }
        assertTrue(count(html, "scope=\"col\"") >= 20 && count(html, "scope=\"row\"") >= 5, "header cells are scoped");
        assertTrue(html.contains("<select class=\"govuk-select\" id=\"authority\" name=\"authority\">"), "council filter");
        assertTrue(html.contains("<form method=\"get\" action=\"/dashboard\""), "a plain GET form");
        assertTrue(html.contains("govuk-tag govuk-tag--red\">Overdue<"), "status tags carry text");

        // Privacy: no email address, no phone number, no family member's name.
        Matcher email = EMAIL.matcher(html);
        assertFalse(email.find(), () -> "an email address on the page: " + email.group());
        Matcher phone = PHONE.matcher(html);
        assertFalse(phone.find(), () -> "a phone number on the page: " + phone.group());
        assertFalse(html.contains(MUM_NAME), "a family member's name");

        // Every council by name, with the API's own counts.
        Map<String, String> names = Map.of("derbyshire", "Derbyshire County Council",
                "hillingdon", "London Borough of Hillingdon", "durham", "Durham County Council",
                "walsall", "Walsall Council", "portsmouth", "Portsmouth City Council");
        names.forEach((authority, name) -> {
            String row = row(html, "data-council=\"" + authority + "\"");
            assertTrue(row.contains(name), name);
        });

        // Rows only this test fills: the team in each council, and its owners.
        Map<String, long[]> byCouncil = expectedForOurCases();
        long teamOverdue = 0;
        long teamDue = 0;
        for (var e : byCouncil.entrySet()) {
            String row = row(html, "data-council=\"" + e.getKey() + "\" data-team=\"" + TEAM + "\"");
            assertEquals(e.getValue()[0], figure(row, "overdue"), e.getKey() + " team overdue");
            assertEquals(e.getValue()[1], figure(row, "due-this-week"), e.getKey() + " team due this week");
            teamOverdue += e.getValue()[0];
            teamDue += e.getValue()[1];
        }
        assertEquals(6, teamOverdue, "seeded: Hillingdon's review, Portsmouth's initial plan, four Durham deadlines");
        assertEquals(3, teamDue, "seeded: Hillingdon's and Derbyshire's reviews, Walsall's legal advice");
        String okafor = row(html, "data-council=\"hillingdon\" data-owner=\"Sam Okafor\"");
        assertEquals(1, figure(okafor, "overdue"));
        assertEquals(1, figure(okafor, "due-this-week"));
        assertTrue(okafor.contains("Lead professional"));
        String durhamWorker = row(html, "data-council=\"durham\" data-owner=\"Ruth Baxter\"");
        assertEquals(4, figure(durhamWorker, "overdue"));

        // The failed text: ids, template, channel and role only.
        String failure = row(html, "data-case=\"" + CASES.get("H1").caseId + "\"");
        assertTrue(failure.contains("Copy of the plan"), failure);
        assertTrue(failure.contains("Text message"), failure);
        assertTrue(failure.contains("Parent"), failure);
        assertTrue(failure.contains("London Borough of Hillingdon"), failure);
        assertTrue(failure.contains("400"), "Notify's answer as the reason: " + failure);
        assertTrue(stat(html, "failed") >= 1);

        // The dead-letter queue: asked of Kafka, at least the record this test dead-lettered.
        assertTrue(stat(html, "dlq") >= 1, "the dead-letter queue counts the poison record");
    }

    /** Owners are people, not names: two professionals who share a name are two rows, each with their own figures. */
    @Test
    void twoProfessionalsWhoShareANameAreTwoOwners() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String first = "sw-morgan-a-" + suffix;
        String second = "sw-morgan-b-" + suffix;
        for (String[] owner : new String[][] {{first, "DASH-OWN-A"}, {second, "DASH-OWN-B"}}) {
            CaseScript c = new CaseScript("hillingdon", owner[1]);
            c.upsert(c.person(owner[0], "LEAD_PROFESSIONAL", "EMAIL").put("name", "Alex Morgan"));
            c.event("cin.case.opened", "2025-10-01", "planType", "CHILD_IN_NEED", "longTermSupport", false);
            c.event("cin.planning-meeting.held", "2025-11-20"); // L1: the review was due by 20 February: overdue
        }
        await().atMost(WAIT).untilAsserted(() -> {
            String html = given().get("/dashboard?authority=hillingdon").then().statusCode(200).extract().asString();
            for (String id : new String[] {first, second}) {
                String row = row(html, "data-owner=\"Alex Morgan\" data-owner-id=\"" + id + "\"");
                assertEquals(1, figure(row, "overdue"), id);
            }
        });
    }

    @Test
    void councilFiguresAndComplianceAreTheApisFigures() {
        awaitSeededPage();
        // Compared at the same moment as the API, retried while other tests' notices still move obligations.
        await().atMost(WAIT).untilAsserted(() -> {
            String html = dashboard();
            long overdue = 0;
            long due = 0;
            for (String authority : List.of("derbyshire", "hillingdon", "durham", "walsall", "portsmouth")) {
                String row = row(html, "data-council=\"" + authority + "\"");
                long apiOverdue = apiTotal("status=OVERDUE&authority=" + authority);
                long apiDue = apiTotal("status=OPEN&authority=" + authority + "&dueBefore=" + TODAY.plusDays(8));
                assertEquals(apiOverdue, figure(row, "overdue"), authority + " overdue");
                assertEquals(apiDue, figure(row, "due-this-week"), authority + " due this week");
                overdue += apiOverdue;
                due += apiDue;
            }
            assertEquals(overdue, stat(html, "overdue"), "summary: overdue");
            assertEquals(due, stat(html, "due-this-week"), "summary: due this week");

            for (String kind : List.of("PLAN_REVIEW", "LEGAL_ADVICE", "HOME_VISIT", "INITIAL_PLAN", "FORMAL_REVIEW")) {
                long[] expected = complianceFromApi(kind);
                String row = row(html, "data-kind=\"" + kind + "\"");
                assertEquals(expected[0], figure(row, "on-time"), kind + " on time");
                assertEquals(expected[1], figure(row, "late"), kind + " late");
                assertEquals(expected[2], figure(row, "missed"), kind + " missed");
                long total = expected[0] + expected[1] + expected[2];
                String percent = text(row, "percent");
                if (total == 0) {
                    assertEquals("—", percent, kind);
                } else {
                    assertEquals(Math.round(1000.0 * expected[0] / total) / 10.0,
                            Double.parseDouble(percent.replace("%", "")), 0.001, kind + " percentage");
                }
            }
        });
        // What this test seeded is in there: a review on time, one late, one missed; legal advice replaced while overdue.
        String html = dashboard();
        String reviews = row(html, "data-kind=\"PLAN_REVIEW\"");
        assertTrue(figure(reviews, "on-time") >= 1 && figure(reviews, "late") >= 1 && figure(reviews, "missed") >= 1, reviews);
        assertTrue(figure(row(html, "data-kind=\"LEGAL_ADVICE\""), "missed") >= 1);
        assertTrue(figure(row(html, "data-kind=\"HOME_VISIT\""), "on-time") >= 1);
        // A kind no council uses in the window shows a dash, not 0%.
        String transfers = row(html, "data-kind=\"TEAM_TRANSFER\"");
        if (figure(transfers, "on-time") + figure(transfers, "late") + figure(transfers, "missed") == 0) {
            assertEquals("—", text(transfers, "percent"));
        }
    }

    @Test
    void oneCouncilAtATime() {
        awaitSeededPage();
        await().atMost(WAIT).untilAsserted(() -> {
            String html = given().queryParam("authority", "durham").get("/dashboard")
                    .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
            assertTrue(html.contains("<option value=\"durham\" selected>Durham County Council</option>"), "the choice is kept");
            assertTrue(Pattern.compile("<h1[^>]*>Durham County Council").matcher(html).find(), "the heading names it");
            assertFalse(html.contains("data-council=\"hillingdon\""), "only Durham's rows");
            assertEquals(apiTotal("status=OVERDUE&authority=durham"), stat(html, "overdue"));
            assertEquals(4, figure(row(html, "data-council=\"durham\" data-team=\"" + TEAM + "\""), "overdue"));
        });

        String unknown = given().queryParam("authority", "atlantis").get("/dashboard")
                .then().statusCode(200).extract().asString();
        assertTrue(unknown.contains("govuk-error-summary"), "an unknown council is said, not a failure");
        assertTrue(unknown.contains("data-council=\"durham\""), "and all councils are shown");
    }

    @Test
    void theGovUkFrontendAssetsAreServed() {
        given().get(CSS).then().statusCode(200).contentType(containsString("text/css"))
                .body(containsString("govuk-template"));
        given().get("/webjars/govuk-frontend/5.7.1/dist/govuk/govuk-frontend.min.js").then().statusCode(200);
    }

    @Test
    void aScreenshotInHeadlessChromiumIsARealPage() throws Exception {
        Optional<Path> chromium = chromium();
        if (chromium.isEmpty()) {
            String how = "No Chromium found (CHROMIUM_BIN, /usr/bin/chromium, chromium-browser, google-chrome): "
                    + "install it with `apt-get install chromium` or set CHROMIUM_BIN";
            RequiredTools.missing(how);
        }
        awaitSeededPage();

        Path png = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("chromium-profile-");
        Path log = Path.of("target", "chromium.log").toAbsolutePath();
        try {
            Process process = new ProcessBuilder(chromium.get().toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=1280,2200", "--screenshot=" + png, url.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("Chromium took more than 90 s; its output is in " + log);
            }
            assertEquals(0, process.exitValue(), () -> "Chromium failed: " + read(log));
        } finally {
            deleteTree(profile);
        }

        assertTrue(Files.exists(png), () -> "no screenshot; Chromium said: " + read(log));
        assertTrue(Files.size(png) > 20 * 1024, () -> "the screenshot is suspiciously small: " + size(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG javax.imageio can read");
        assertEquals(1280, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight() && colours.size() <= 64; y += 3) {
            for (int x = 0; x < image.getWidth() && colours.size() <= 64; x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 16, "not a blank page: " + colours.size() + " colours");
    }

    // ---- Seeding ----------------------------------------------------------------------------------

    /** An event the consumer cannot read goes to case-events.dlq; the dashboard's first look must count it. */
    void deadLetterOne() {
        poisonKey = CloudEvents.newCaseId("DASH-DLQ");
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            TestKafka.send(producer, new ProducerRecord<>("case-events", poisonKey,
                    "{not json".getBytes(StandardCharsets.UTF_8)));
        }
        await().atMost(WAIT).until(() -> TestKafka.readAll("case-events.dlq", Duration.ofSeconds(1)).stream()
                .anyMatch(r -> poisonKey.equals(r.key())));
    }

    void seedCases() {
        // Hillingdon: a review overdue since 20 February; the plan's copy to mum by text is refused by Notify.
        CaseScript h1 = professionals("hillingdon", "DASH-H1", "sw-okafor", "Sam Okafor", "tm-reid", "Dana Reid");
        ObjectNode mum = h1.person("mum", "PARENT", "SMS").put("mobile", MUM_MOBILE).put("name", MUM_NAME);
        mum.putNull("email");
        h1.upsert(mum);
        h1.event("cin.case.opened", "2025-10-01", "planType", "CHILD_IN_NEED", "longTermSupport", false);
        h1.event("cin.case.transferred", "2025-10-01", "toTeam", TEAM);
        h1.event("cin.planning-meeting.held", "2025-11-20"); // L1: review by 20 February 2026
        // Hillingdon: the same social worker; the meeting agreed a review on 5 March (this week).
        CaseScript h2 = professionals("hillingdon", "DASH-H2", "sw-okafor", "Sam Okafor", "tm-reid", "Dana Reid");
        h2.event("cin.case.opened", "2025-12-01", "planType", "CHILD_IN_NEED", "longTermSupport", false);
        h2.event("cin.case.transferred", "2025-12-01", "toTeam", TEAM);
        h2.event("cin.planning-meeting.held", "2025-12-10", "firstReviewDate", "2026-03-05");
        // Derbyshire: the review due 12 January was held on 20 January (late); the next is due 3 March.
        CaseScript d1 = professionals("derbyshire", "DASH-D1", "sw-shah", "Priya Shah", "tm-walker", "Chris Walker");
        d1.event("cin.case.opened", "2025-11-20", "planType", "CHILD_IN_NEED", "longTermSupport", false);
        d1.event("cin.case.transferred", "2025-11-20", "toTeam", TEAM);
        d1.event("cin.planning-meeting.held", "2025-12-01");
        d1.event("cin.review.held", "2026-01-20", "outcome", "CONTINUE", "formal", false, "planAmended", false);
        // Walsall: the review due 4 February held on 2 February (on time); legal advice for the first agreement
        // (due 23 February) replaced, still not done, by the second agreement's (due 6 March).
        CaseScript w1 = professionals("walsall", "DASH-W1", "sw-hughes", "Tom Hughes", "tm-lowe", "Ann Lowe");
        w1.event("cin.case.opened", "2025-07-20", "planType", "CHILD_IN_NEED", "longTermSupport", false);
        w1.event("cin.case.transferred", "2025-07-20", "toTeam", TEAM);
        w1.event("cin.planning-meeting.held", "2025-08-04");
        w1.event("cin.review.held", "2026-02-02", "outcome", "CONTINUE", "formal", false, "planAmended", false);
        w1.event("cin.working-agreement.signed", "2026-02-16", "agreementNumber", 1);
        w1.event("cin.working-agreement.signed", "2026-02-27", "agreementNumber", 2);
        // Portsmouth: the initial plan overdue since 26 January; the home visit done on time.
        CaseScript p1 = professionals("portsmouth", "DASH-P1", "sw-khan", "Aisha Khan", "tm-ford", "Lee Ford");
        p1.event("cin.case.opened", "2026-01-05", "planType", "CHILD_IN_NEED", "longTermSupport", false);
        p1.event("cin.case.transferred", "2026-01-05", "toTeam", TEAM);
        p1.event("cin.assessment.completed", "2026-01-20");
        p1.event("cin.visit.completed", "2026-02-10", "childSeenAlone", false);
        // Durham: a planning meeting on 12 February, nothing done since: four deadlines passed.
        CaseScript u1 = professionals("durham", "DASH-U1", "sw-baxter", "Ruth Baxter", "tm-shaw", "Neil Shaw");
        u1.event("cin.case.opened", "2026-02-02", "planType", "CHILD_IN_NEED", "longTermSupport", false);
        u1.event("cin.case.transferred", "2026-02-02", "toTeam", TEAM);
        u1.event("cin.planning-meeting.held", "2026-02-12");

        List.of(h1, h2, d1, w1, p1, u1).forEach(c -> CASES.put(c.caseId.substring(5, 7), c));

        // The plan goes out on the day; Notify refuses the text to mum for good (400).
        NotifyStub.failFor("+44" + MUM_MOBILE.substring(1), 400);
        try {
            h1.event("cin.plan.published", "2026-03-02", "version", 1, "documentUrl", "https://cms.example/plans/1",
                    "amended", false);
            await().atMost(WAIT).untilAsserted(() -> assertEquals("FAILED", h1.notice("plan-copy", "mum").get("status")));
        } finally {
            NotifyStub.clearFailFor("+44" + MUM_MOBILE.substring(1));
        }
    }

    CaseScript professionals(String authority, String prefix, String lpId, String lpName, String tmId, String tmName) {
        CaseScript c = new CaseScript(authority, prefix);
        c.upsert(c.person(lpId, "LEAD_PROFESSIONAL", "EMAIL").put("name", lpName));
        c.upsert(c.person(tmId, "TEAM_MANAGER", "EMAIL").put("name", tmName));
        return c;
    }

    // ---- Expectations from the read API -----------------------------------------------------------

    /** Per council, over this test's cases: {overdue, due today .. today + 7}. */
    static Map<String, long[]> expectedForOurCases() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (CaseScript c : CASES.values()) {
            long[] counts = out.computeIfAbsent(c.authority, a -> new long[2]);
            for (Map<String, Object> o : c.obligations().<Map<String, Object>>getList("")) {
                Object due = o.get("dueDate");
                if ("OVERDUE".equals(o.get("status"))) {
                    counts[0]++;
                } else if ("OPEN".equals(o.get("status")) && due != null
                        && !LocalDate.parse((String) due).isAfter(TODAY.plusDays(7))) {
                    counts[1]++;
                }
            }
        }
        return out;
    }

    /** {on time, late, missed} of a kind over every obligation due in [today − 12 months, today), from the API. */
    static long[] complianceFromApi(String kind) {
        long[] out = new long[3];
        LocalDate from = TODAY.minusMonths(12);
        for (int page = 0; ; page++) {
            List<Map<String, Object>> rows = given().queryParam("kind", kind).queryParam("dueBefore", TODAY.toString())
                    .queryParam("size", 500).queryParam("page", page).get("/api/obligations")
                    .then().statusCode(200).extract().jsonPath().getList("");
            for (Map<String, Object> o : rows) {
                LocalDate due = LocalDate.parse((String) o.get("dueDate"));
                if (due.isBefore(from)) {
                    continue;
                }
                Object closed = o.get("closedOn");
                boolean after = closed != null && LocalDate.parse((String) closed).isAfter(due);
                switch ((String) o.get("status")) {
                    case "COMPLETED" -> out[after ? 1 : 0]++;
                    case "OVERDUE", "OPEN" -> out[2]++;
                    case "CANCELLED" -> {
                        if ("SUPERSEDED".equals(o.get("closeReason")) && after) {
                            out[2]++;
                        }
                    }
                    default -> {
                    }
                }
            }
            if (rows.size() < 500) {
                return out;
            }
        }
    }

    static long apiTotal(String query) {
        Response r = given().get("/api/obligations?" + query + "&size=1");
        assertEquals(200, r.statusCode(), r.asString());
        return Long.parseLong(r.header("X-Total-Count"));
    }

    // ---- Reading the page -------------------------------------------------------------------------

    String dashboard() {
        return given().get("/dashboard").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
    }

    /** The page, once it shows the seeded team's rows and the failed text. */
    String awaitSeededPage() {
        AtomicReference<String> page = new AtomicReference<>();
        await().atMost(WAIT).untilAsserted(() -> {
            String html = dashboard();
            page.set(html);
            assertTrue(html.contains("data-team=\"" + TEAM + "\""), "the seeded team's rows");
            assertTrue(html.contains("data-case=\"" + CASES.get("H1").caseId + "\""), "the failed text to mum");
        });
        return page.get();
    }

    /** The inside of the table row whose opening tag has these attributes. */
    static String row(String html, String attributes) {
        Matcher m = Pattern.compile("<tr[^>]*" + Pattern.quote(attributes) + "[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), () -> "no row with " + attributes);
        return m.group(1);
    }

    /** A figure's text (inside its link to the list behind it, if it has one). */
    static String text(String fragment, String figure) {
        Matcher m = Pattern.compile("data-figure=\"" + figure + "\">\\s*(?:<a [^>]*>)?\\s*([^<]*?)\\s*<").matcher(fragment);
        assertTrue(m.find(), () -> "no " + figure + " in " + fragment);
        return m.group(1);
    }

    static long figure(String fragment, String figure) {
        return Long.parseLong(text(fragment, figure));
    }

    /** A number of the summary at the top of the page. */
    static long stat(String html, String figure) {
        return figure(html.substring(html.indexOf("class=\"app-stats\"")), figure);
    }

    static int count(String html, String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    // ---- Chromium ---------------------------------------------------------------------------------

    /** CHROMIUM_BIN, else /usr/bin/chromium, else chromium, chromium-browser or google-chrome on the PATH. */
    static Optional<Path> chromium() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("CHROMIUM_BIN");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no output)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static String size(Path file) {
        try {
            return Files.size(file) + " bytes";
        } catch (IOException e) {
            return e.toString();
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans up what is left
        }
    }
}
