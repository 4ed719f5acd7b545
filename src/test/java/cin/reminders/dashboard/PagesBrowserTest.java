package cin.reminders.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.pages.PageText;
import cin.reminders.testing.BrowserScript;
import cin.reminders.testing.CaseScript;
import cin.reminders.testing.CloudEvents;
import cin.reminders.testing.RealInfrastructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages for people (CONTRACT-2 §8, issue 14) over real PostgreSQL and Kafka, with authentication off (every
 * council, every role): {@code /dashboard}, the list behind a figure ({@code /dashboard/obligations}), the work tray
 * ({@code /my}) and a case's timeline ({@code /cases/{caseId}}).
 * <ul>
 * <li>In headless Chromium ({@code src/test/browser/pages.mjs}): axe-core finds no serious or critical WCAG 2.2 A/AA
 * violation on any page; every page works by keyboard (skip link first and working, every interactive element reached
 * by Tab with a visible focus); a manager's journey by keyboard alone from a dashboard figure to its list to a case's
 * timeline; a screenshot of each page into target/screenshots/ (docs/screenshots/ holds copies).</li>
 * <li>Each page's rows are the API's rows for the same filter or case, in the same order.</li>
 * <li>No page shows an address: the seeded people's email addresses, phone numbers and postal addresses are in no
 * page's HTML.</li>
 * <li>Paging, an unknown case (404), a case id two councils use (409: a page to choose the council), a bad filter (400
 * problem naming it).</li>
 * </ul>
 * Other service tests share the database: every list here is narrowed to this test's own people (fresh participant
 * ids), and each page is compared with the API at the same moment.
 */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class PagesBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z"); // a Monday morning (GMT)
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Durham's worker with many cases: more overdue obligations than a page holds. */
    static final String BUSY = "sw-busy-" + RUN;
    /** Hillingdon's worker with one case, whose plan goes to mum by email. */
    static final String WORKER = "sw-robin-" + RUN;
    static final String TEAM = "Pages Team " + RUN;
    static final int BUSY_CASES = 14;

    /** Everything that would be an address of someone, seeded on people of this test's cases. */
    static final List<String> ADDRESSES = List.of("robin." + RUN + "@council.example", "07700900512",
            "mum." + RUN + "@family.example", "07700900733", "12 Pages Row", "Uxbridge Lane " + RUN, "UB8 1ZZ",
            "3 Worker Walk", "DH1 4ZZ");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    static CaseScript hillingdon;
    static final List<String> busyCases = new ArrayList<>();
    static RuntimeException seedingFailed;

    @Inject
    ServiceClock clock;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void seedOnce() {
        clock.restartAt(NOW);
        if (seedingFailed != null) {
            throw seedingFailed;
        }
        if (hillingdon == null) {
            try {
                seed();
            } catch (RuntimeException | AssertionError e) {
                seedingFailed = new IllegalStateException("Seeding the pages' cases failed", e);
                throw seedingFailed;
            }
        }
    }

    // ---- Chromium: accessibility, keyboard, the journey, screenshots, rows --------------------------------------

    @Test
    void everyPagePassesAxeWorksByKeyboardAndShowsTheApisRows() {
        String list = listPath();
        JsonObject in = new JsonObject()
                .put("base", base.toString().replaceAll("/$", ""))
                .put("screenshots", "target/screenshots")
                .put("pages", new JsonArray()
                        .add(page("dashboard", "/dashboard?authority=durham"))
                        .add(page("dashboard-obligations", list))
                        .add(page("my", "/my?participant=" + WORKER))
                        .add(page("my-nobody", "/my"))
                        .add(page("case-timeline", "/cases/" + hillingdon.caseId + "?authority=hillingdon"))
                        .add(page("case-not-found", "/cases/NO-SUCH-" + RUN)))
                .put("journey", new JsonObject()
                        .put("start", "/dashboard?authority=durham")
                        .put("figure", "tr[data-owner-id=\"" + BUSY + "\"] td[data-figure=\"overdue\"] a")
                        .put("caseLink", "#obligations tbody a[href^=\"/cases/\"]"));
        JsonObject out = BrowserScript.run("pages.mjs", in);
        JsonObject pages = out.getJsonObject("pages");

        for (String name : pages.fieldNames()) {
            JsonObject p = pages.getJsonObject(name);
            // For the record (surefire's output): what was walked and what axe-core said at any impact.
            System.out.printf("pages.mjs %s: status %d, keyboard %s, axe %s%n", name, p.getInteger("status"),
                    p.getJsonObject("keyboard").copy().put("unreached", p.getJsonObject("keyboard").getJsonArray("unreached").size()).encode(),
                    p.getJsonArray("violations").stream().map(v -> ((JsonObject) v).getString("id") + ":" + ((JsonObject) v).getString("impact")).toList());
            assertEquals(name.equals("case-not-found") ? 404 : 200, p.getInteger("status"), name);
            List<String> bad = new ArrayList<>();
            p.getJsonArray("violations").forEach(v -> {
                JsonObject violation = (JsonObject) v;
                if (List.of("serious", "critical").contains(violation.getString("impact"))) {
                    bad.add(violation.encode());
                }
            });
            assertEquals(List.of(), bad, name + ": serious or critical axe-core violations");
            JsonObject kb = p.getJsonObject("keyboard");
            assertTrue(kb.getBoolean("skipLinkFirst"), name + ": the skip link is the first Tab stop: " + kb);
            assertTrue(kb.getBoolean("skipLinkVisible"), name + ": the skip link shows when focused");
            assertTrue(kb.getBoolean("skipLinkWorks"), name + ": Enter on the skip link goes to the main content");
            assertTrue(kb.getInteger("focusable") > 3, name + ": interactive elements found: " + kb);
            assertEquals(kb.getInteger("focusable"), kb.getInteger("reached"),
                    name + ": every interactive element is reached by Tab; not: " + kb.getJsonArray("unreached"));
            assertEquals(new JsonArray(), kb.getJsonArray("focusNotVisible"), name + ": focus is visible on every stop");
        }

        // The list behind the busy worker's overdue figure: the API's first page, row for row.
        List<Map<String, Object>> api = apiRows("authority=durham&owner=" + BUSY + "&role=LEAD_PROFESSIONAL&status=OVERDUE"
                + "&size=50&page=0");
        assertEquals(50, api.size(), "the seeded worker has more overdue obligations than a page");
        assertRowsAreTheApis(api, table(pages.getJsonObject("dashboard-obligations"), "obligations"));

        // The work tray: overdue, then due in the next 4 weeks: the API's rows for the same owner.
        JsonObject my = pages.getJsonObject("my");
        List<Map<String, Object>> overdue = apiRows("owner=" + WORKER + "&status=OVERDUE&size=500");
        List<Map<String, Object>> due = apiRows("owner=" + WORKER + "&status=OPEN&dueBefore=" + TODAY.plusDays(29) + "&size=500");
        assertFalse(overdue.isEmpty(), "the worker's review is overdue");
        assertFalse(due.isEmpty(), "and something of theirs falls due in the next 4 weeks");
        assertRowsAreTheApis(overdue, table(my, "overdue"));
        assertRowsAreTheApis(due, table(my, "due"));

        // The timeline: the case APIs' obligations, and their notices (compared again below, at one moment, over HTTP).
        JsonObject timeline = pages.getJsonObject("case-timeline");
        List<Map<String, Object>> obligations = hillingdon.obligations().getList("");
        JsonArray rows = table(timeline, "obligations");
        assertEquals(ids(obligations), rowIds(rows));
        assertFalse(table(timeline, "notices").isEmpty(), "the case's notices are listed");

        // By keyboard alone: Tab to the busy worker's overdue figure, Enter; Tab to the first case, Enter.
        JsonObject journey = out.getJsonObject("journey");
        assertNotNull(journey.getString("list"), () -> "the figure was not reached by Tab: " + journey.encode());
        assertEquals(list, journey.getString("list"), "Enter on the figure opens the list behind it");
        assertRowsAreTheApis(api, journey.getJsonArray("listRows"));
        String firstCase = (String) api.get(0).get("caseId");
        assertEquals("/cases/" + firstCase + "?authority=durham", journey.getString("timeline"),
                () -> "Enter on the first case link opens its timeline: " + journey.encode());
        assertEquals("Case " + firstCase, journey.getString("timelineHeading"));
    }

    // ---- Over HTTP: the same rows, paging, privacy, errors -------------------------------------------------------

    @Test
    void theDashboardFiguresLinkToTheirListsAndTheListsPage() {
        String owner = await().atMost(WAIT).until(() -> {
            String html = given().get("/dashboard?authority=durham").then().statusCode(200).extract().asString();
            Matcher m = Pattern.compile("<tr[^>]*data-owner-id=\"" + Pattern.quote(BUSY) + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL)
                    .matcher(html);
            return m.find() ? m.group(1) : null;
        }, r -> r != null);
        Matcher link = Pattern.compile("data-figure=\"overdue\"><a class=\"govuk-link\" href=\"([^\"]+)\">(\\d+)<").matcher(owner);
        assertTrue(link.find(), owner);
        assertEquals(listPath(), link.group(1).replace("&amp;", "&"), "the owner's overdue figure links to its list");
        long figure = Long.parseLong(link.group(2));
        long total = apiTotal("authority=durham&owner=" + BUSY + "&role=LEAD_PROFESSIONAL&status=OVERDUE");
        assertEquals(total, figure, "the figure is the list's length");
        assertEquals(BUSY_CASES * 4L, total, "four Durham deadlines passed on each of the worker's cases");

        // Page 2 holds the rest, and says which page it is.
        String second = html(listPath() + "&page=2");
        List<Map<String, Object>> api = apiRows("authority=durham&owner=" + BUSY + "&role=LEAD_PROFESSIONAL&status=OVERDUE"
                + "&size=50&page=1");
        assertEquals(total - 50, api.size());
        assertEquals(ids(api), htmlRowIds(second, "obligations"));
        assertTrue(second.contains("Showing 51 to " + total + " of " + total), "the range shown");
        assertTrue(second.contains("aria-current=\"page\">2<"), "page 2 is the current page");
        assertTrue(second.contains("rel=\"prev\""), "a link back to page 1");

        // Due this week for the council: the figure's own link and the API's count.
        String dashboard = html("/dashboard?authority=durham");
        Matcher due = Pattern.compile("data-figure=\"due-this-week\"><a class=\"govuk-link app-stat__link\" href=\"([^\"]+)\"")
                .matcher(dashboard);
        assertTrue(due.find());
        assertEquals("/dashboard/obligations?authority=durham&status=OPEN&window=week", due.group(1).replace("&amp;", "&"));
        // The team's rows and the API's, for the team filter.
        String team = given().queryParam("authority", "durham").queryParam("team", TEAM).queryParam("status", "OVERDUE")
                .get("/dashboard/obligations").then().statusCode(200).extract().asString();
        List<Map<String, Object>> teamApi = apiRows("authority=durham&team=" + TEAM + "&status=OVERDUE&size=50");
        assertEquals(ids(teamApi), htmlRowIds(team, "obligations"));

        // The API's new filters, against what was seeded: the team is the busy worker's cases in Durham.
        assertEquals(BUSY_CASES * 4L, apiTotal("authority=durham&team=" + TEAM + "&status=OVERDUE&role=LEAD_PROFESSIONAL"));
        assertEquals(0, apiTotal("owner=" + BUSY + "&role=TEAM_MANAGER"), "the worker owns nothing as a team manager");
        assertEquals(0, apiTotal("caseId=" + busyCases.get(0) + "&noTeam=true"), "the case has a team");
        assertEquals(apiTotal("caseId=" + busyCases.get(0)), apiTotal("caseId=" + busyCases.get(0) + "&team=" + TEAM));
        // No team manager on these cases: what asks for one has no owner yet.
        List<Map<String, Object>> unassigned = apiRows("authority=durham&team=" + TEAM + "&unassigned=true&size=500");
        assertEquals(apiTotal("authority=durham&team=" + TEAM + "&role=TEAM_MANAGER"), unassigned.size());
        unassigned.forEach(o -> assertEquals(null, ((Map<?, ?>) o.get("owner")).get("participantId"), o.toString()));
    }

    @Test
    void theWorkTrayPagesOverdueFirstAndLinksTheCalendarFeed() {
        List<Map<String, Object>> expected = new ArrayList<>(apiRows("owner=" + BUSY + "&status=OVERDUE&size=500"));
        expected.addAll(apiRows("owner=" + BUSY + "&status=OPEN&dueBefore=" + TODAY.plusDays(29) + "&size=500"));
        assertTrue(expected.size() > 50, "more than a page: " + expected.size());
        String first = html("/my?participant=" + BUSY);
        String second = html("/my?participant=" + BUSY + "&page=2");
        List<String> shown = new ArrayList<>(htmlRowIds(first, "overdue"));
        shown.addAll(htmlRowIds(first, "due"));
        shown.addAll(htmlRowIds(second, "overdue"));
        shown.addAll(htmlRowIds(second, "due"));
        assertEquals(ids(expected), shown, "overdue first, then soonest due, 50 a page");

        // The calendar feed: the subscribe address made for this person, and it answers.
        String mine = html("/my?participant=" + WORKER);
        Matcher feed = Pattern.compile("href=\"https?://[^/]+(/api/professionals/" + Pattern.quote(WORKER)
                + "/calendar.ics\\?authority=hillingdon&amp;token=[^\"]+)\" data-calendar").matcher(mine);
        assertTrue(feed.find(), "a link to the worker's calendar feed");
        given().get(feed.group(1).replace("&amp;", "&")).then().statusCode(200).contentType(containsString("text/calendar"))
                .body(containsString(hillingdon.caseId));

        String nobody = html("/my");
        assertTrue(nobody.contains("Nobody is signed in"), "with sign-in off, a kind word and a form instead");
        assertTrue(nobody.contains("name=\"participant\""));
    }

    @Test
    void theTimelineIsTheCaseApisRowsAndNeverAnAddress() {
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> before = hillingdon.notices().getList("");
            String html = html("/cases/" + hillingdon.caseId + "?authority=hillingdon");
            List<Map<String, Object>> after = hillingdon.notices().getList("");
            assertEquals(ids(before), ids(after), "the notices did not move while the page was read");
            assertEquals(ids(hillingdon.obligations().getList("")), htmlRowIds(html, "obligations"));
            assertEquals(ids(after), htmlRowIds(html, "notices"));
            // Each notice row: its recipient's role, channel and status, as the API has them.
            for (Map<String, Object> n : after) {
                String row = htmlRow(html, (String) n.get("id"));
                @SuppressWarnings("unchecked")
                String role = PageText.roleLabel((String) ((Map<String, Object>) n.get("recipient")).get("role"));
                assertTrue(row.contains(role), role + " in " + row);
                assertTrue(row.contains(PageText.channelLabel((String) n.get("channel"))), row);
            }
            // The plan's copy to mum went by email: she is "Parent" on the page, never her address.
            assertTrue(after.stream().anyMatch(n -> "plan-copy".equals(n.get("template"))), "the plan's copy is a notice");
        });
        String html = html("/cases/" + hillingdon.caseId + "?authority=hillingdon");
        assertTrue(html.contains("Copy of the plan"));
        assertTrue(html.contains(">Parent<"));
        for (Map<String, Object> o : hillingdon.obligations().<Map<String, Object>>getList("")) {
            String row = htmlRow(html, (String) o.get("id"));
            assertTrue(row.contains((String) o.get("ruleId")), row);
            assertTrue(row.contains(LocalDate.parse((String) o.get("dueDate")).format(DAY)), row);
        }

        // No address of anyone, on any page.
        for (String path : List.of("/dashboard", "/dashboard?authority=hillingdon", listPath(),
                "/dashboard/obligations?authority=hillingdon&window=week",
                "/my?participant=" + WORKER, "/my?participant=" + BUSY, "/cases/" + hillingdon.caseId,
                "/cases/" + busyCases.get(0))) {
            String page = html(path);
            for (String address : ADDRESSES) {
                assertFalse(page.contains(address), path + " shows " + address);
            }
            Matcher email = EMAIL.matcher(page);
            assertFalse(email.find(), () -> path + " shows an email address: " + email.group());
        }
    }

    @Test
    void unknownCasesAmbiguousIdsAndBadFilters() {
        // Unknown: 404, a page saying so (the same answer as for another council's case).
        String missing = given().get("/cases/NO-SUCH-" + RUN).then().statusCode(404)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(missing.contains("Case not found"));
        given().get("/cases/" + hillingdon.caseId + "?authority=durham").then().statusCode(404);

        // One id, two councils: a page to choose the council (409, as the API), and each choice opens its case.
        String shared = CloudEvents.newCaseId("PAGES-SHARED");
        for (String authority : List.of("durham", "walsall")) {
            given().contentType("application/cloudevents+json")
                    .body(CloudEvents.event(authority, shared, "cin.planning-meeting.held", "2026-02-12").toString())
                    .post("/api/events").then().statusCode(202);
        }
        String choose = given().get("/cases/" + shared).then().statusCode(409).contentType(containsString("text/html"))
                .extract().asString();
        assertTrue(choose.contains("href=\"/cases/" + shared + "?authority=durham\""), choose);
        assertTrue(choose.contains("href=\"/cases/" + shared + "?authority=walsall\""), choose);
        given().get("/api/cases/{id}/obligations", shared).then().statusCode(409); // the API's contract, unchanged
        given().get("/cases/" + shared + "?authority=walsall").then().statusCode(200);

        // A bad filter: a 400 problem naming it, as on the API.
        for (String[] bad : new String[][] {{"status", "NOPE"}, {"kind", "NOPE"}, {"window", "month"}, {"page", "0"},
                {"noTeam", "maybe"}, {"role", "BOSS"}}) {
            given().queryParam(bad[0], bad[1]).get("/dashboard/obligations").then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("field", org.hamcrest.Matchers.equalTo(bad[0]));
        }
        given().queryParam("page", "x").get("/my").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("page"));
        given().queryParam("status", "NOPE").get("/api/obligations").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("status"));
    }

    // ---- Seeding ------------------------------------------------------------------------------------------------

    void seed() {
        // Hillingdon: Robin's review overdue since 20 February (L1); the plan goes to mum by email today.
        CaseScript h = new CaseScript("hillingdon", "PAGES-H");
        ObjectNode robin = h.person(WORKER, "LEAD_PROFESSIONAL", "EMAIL").put("name", "Robin Page")
                .put("email", "robin." + RUN + "@council.example").put("mobile", "07700900512");
        robin.set("address", address("3 Worker Walk", "Durham", "DH1 4ZZ"));
        h.upsert(robin);
        h.upsert(h.person("tm-" + RUN, "TEAM_MANAGER", "EMAIL").put("name", "Dana Page"));
        ObjectNode mum = h.person("mum", "PARENT", "EMAIL").put("name", "Jordan Page")
                .put("email", "mum." + RUN + "@family.example").put("mobile", "07700900733");
        mum.set("address", address("12 Pages Row", "Uxbridge Lane " + RUN, "UB8 1ZZ"));
        h.upsert(mum);
        h.event("cin.case.opened", "2025-10-01", "planType", "CHILD_IN_NEED", "longTermSupport", false);
        h.event("cin.case.transferred", "2025-10-01", "toTeam", TEAM);
        h.event("cin.planning-meeting.held", "2025-11-20");
        h.event("cin.plan.published", "2026-03-02", "version", 1, "documentUrl", "https://cms.example/plans/1", "amended", false);
        // And a second case of Robin's: the meeting agreed a review on 5 March (this week).
        CaseScript h2 = new CaseScript("hillingdon", "PAGES-H2");
        h2.upsert(robin);
        h2.event("cin.case.opened", "2025-12-01", "planType", "CHILD_IN_NEED", "longTermSupport", false);
        h2.event("cin.case.transferred", "2025-12-01", "toTeam", TEAM);
        h2.event("cin.planning-meeting.held", "2025-12-10", "firstReviewDate", "2026-03-05");

        // Durham: fourteen cases of one worker, a planning meeting on 12 February each and nothing since.
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < BUSY_CASES; i++) {
            String caseId = CloudEvents.newCaseId("PAGES-U" + i);
            busyCases.add(caseId);
            ObjectNode busy = CloudEvents.person(BUSY, "LEAD_PROFESSIONAL", "EMAIL");
            busy.put("name", "Sam Busy").put("email", "busy." + RUN + "@council.example");
            batch.add(CloudEvents.participant("durham", caseId, busy));
            batch.add(CloudEvents.event("durham", caseId, "cin.case.opened", "2026-02-02", "planType", "CHILD_IN_NEED",
                    "longTermSupport", false));
            batch.add(CloudEvents.event("durham", caseId, "cin.case.transferred", "2026-02-02", "toTeam", TEAM));
            batch.add(CloudEvents.event("durham", caseId, "cin.planning-meeting.held", "2026-02-12"));
        }
        given().contentType("application/cloudevents-batch+json").body(batch.toString()).post("/api/events")
                .then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> assertEquals(BUSY_CASES * 4L,
                apiTotal("authority=durham&owner=" + BUSY + "&role=LEAD_PROFESSIONAL&status=OVERDUE")));
        await().atMost(WAIT).untilAsserted(() -> assertTrue(h.notices().getList("").stream()
                .anyMatch(n -> "plan-copy".equals(((Map<?, ?>) n).get("template"))), "the plan's copy to mum"));
        hillingdon = h;
    }

    static ObjectNode address(String line1, String line2, String postcode) {
        ObjectNode a = CloudEvents.JSON.createObjectNode();
        a.putArray("lines").add(line1).add(line2);
        a.put("postcode", postcode);
        return a;
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    static String listPath() {
        return "/dashboard/obligations?authority=durham&owner=" + BUSY + "&role=LEAD_PROFESSIONAL&status=OVERDUE";
    }

    static JsonObject page(String name, String path) {
        return new JsonObject().put("name", name).put("path", path);
    }

    static String html(String path) {
        return given().get(path).then().statusCode(200).contentType(containsString("text/html")).extract().asString();
    }

    static List<Map<String, Object>> apiRows(String query) {
        Response r = given().get("/api/obligations?" + query);
        assertEquals(200, r.statusCode(), r.asString());
        return r.jsonPath().getList("");
    }

    static long apiTotal(String query) {
        Response r = given().get("/api/obligations?" + query + "&size=1");
        assertEquals(200, r.statusCode(), r.asString());
        return Long.parseLong(r.header("X-Total-Count"));
    }

    static List<String> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(o -> (String) o.get("id")).toList();
    }

    static JsonArray table(JsonObject page, String id) {
        for (Object t : page.getJsonArray("tables")) {
            JsonObject table = (JsonObject) t;
            if (id.equals(table.getString("id"))) {
                return table.getJsonArray("rows");
            }
        }
        return new JsonArray();
    }

    static List<String> rowIds(JsonArray rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(((JsonObject) r).getString("id")));
        return out;
    }

    /** The rows, in order, are the API's: the same obligations, with the API's case, rule, due date and status. */
    static void assertRowsAreTheApis(List<Map<String, Object>> api, JsonArray rows) {
        assertEquals(ids(api), rowIds(rows));
        for (int i = 0; i < api.size(); i++) {
            Map<String, Object> o = api.get(i);
            String cells = String.join(" | ", ((JsonObject) rows.getValue(i)).getJsonArray("cells").getList());
            assertTrue(cells.contains((String) o.get("caseId")), cells);
            assertTrue(cells.contains((String) o.get("ruleId")), cells);
            assertTrue(cells.contains(LocalDate.parse((String) o.get("dueDate")).format(DAY)), cells);
            if ("OVERDUE".equals(o.get("status"))) {
                assertTrue(cells.contains("Overdue"), cells);
            }
        }
    }

    /** The data-id of each row of the table with this id, in order. */
    static List<String> htmlRowIds(String html, String tableId) {
        int start = html.indexOf("<table class=\"govuk-table app-table--compact\" id=\"" + tableId + "\"");
        if (start < 0) {
            return List.of();
        }
        String table = html.substring(start, html.indexOf("</table>", start));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr class=\"govuk-table__row\" data-id=\"([^\"]+)\"").matcher(table);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String htmlRow(String html, String id) {
        Matcher m = Pattern.compile("<tr[^>]*data-id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), () -> "no row " + id);
        return m.group(1);
    }

}
