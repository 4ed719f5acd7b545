package cin.reminders.domain.calendar;

import static cin.reminders.domain.Events.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.policy.PolicyException;
import cin.reminders.domain.policy.PolicyLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calendar.bankHolidays}: a file in gov.uk's bank-holidays.json shape adds its days; its last year bounds it. */
class BankHolidayFileTest {

    /** gov.uk's shape (https://www.gov.uk/bank-holidays.json), cut down, with a one-off day on 2027-06-07. */
    static final String GOV_UK = """
            {"england-and-wales": {"division": "england-and-wales", "events": [
                {"title": "New Year’s Day", "date": "2027-01-01", "notes": "", "bunting": true},
                {"title": "Jubilee bank holiday", "date": "2027-06-07", "notes": "", "bunting": true},
                {"title": "Boxing Day", "date": "2027-12-28", "notes": "Substitute day", "bunting": true}]},
             "scotland": {"division": "scotland", "events": [
                {"title": "St Andrew’s Day", "date": "2027-11-30", "notes": "", "bunting": true}]},
             "northern-ireland": {"division": "northern-ireland", "events": []}}
            """;

    static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRegionsDivisionIsReadWithTheLastYearItCovers() throws IOException {
        BankHolidayFile file = BankHolidayFile.read(json(GOV_UK), CalendarRegion.ENGLAND_AND_WALES);
        assertEquals(Set.of(d("2027-01-01"), d("2027-06-07"), d("2027-12-28")), file.days());
        assertEquals(2027, file.lastYear());
        assertEquals(Set.of(d("2027-11-30")), BankHolidayFile.read(json(GOV_UK), CalendarRegion.SCOTLAND).days());
    }

    @Test
    void aOneOffDayIsClosedAndDatesBeyondTheLastYearAreFlagged() throws IOException {
        WorkingCalendar computed = WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of());
        WorkingCalendar withFile = WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of(),
                Optional.of(BankHolidayFile.read(json(GOV_UK), CalendarRegion.ENGLAND_AND_WALES)));
        assertTrue(computed.isWorkingDay(d("2027-06-07")), "no library knows a one-off day before it is announced");
        assertFalse(withFile.isWorkingDay(d("2027-06-07")));
        assertFalse(withFile.isWorkingDay(d("2028-05-29")), "beyond the file, the computed days still count");
        assertFalse(withFile.beyondCoverage(d("2027-12-31")));
        assertTrue(withFile.beyondCoverage(d("2028-01-03")));
        assertFalse(computed.beyondCoverage(d("2040-01-02")), "no file: nothing to be beyond");
        assertNotEquals(computed.fingerprint(), withFile.fingerprint());
    }

    @Test
    void theFingerprintFollowsTheClosedDaysAlone() {
        WorkingCalendar a = WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of(d("2026-12-24")));
        assertEquals(a.fingerprint(), WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of(d("2026-12-24"))).fingerprint());
        assertEquals(WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of()).fingerprint(),
                WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of(d("2026-12-26"))).fingerprint(),
                "a Saturday closure changes no due date");
        assertNotEquals(a.fingerprint(), WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of()).fingerprint());
        assertNotEquals(a.fingerprint(), WorkingCalendar.of(CalendarRegion.SCOTLAND, Set.of(d("2026-12-24"))).fingerprint());
    }

    @Test
    void aPolicyNamesTheFileBesideIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bank-holidays.json"), GOV_UK);
        Path policy = dir.resolve("derbyshire.yaml");
        String text = bundledDerbyshire().replace("closures: []", "closures: []\n  bankHolidays: bank-holidays.json");
        Files.writeString(policy, text);
        try (InputStream in = Files.newInputStream(policy)) {
            WorkingCalendar calendar = new PolicyLoader().load(policy.toString(), in, Set.of()).calendar();
            assertFalse(calendar.isWorkingDay(d("2027-06-07")));
            assertEquals(Optional.of(2027), calendar.coveredUntil());
        }
    }

    @Test
    void aMissingOrBrokenFileIsAMistakeNamingTheKey(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\"england-and-wales\": {\"events\": [{\"date\": \"7 June 2027\"}]}}");
        Files.writeString(dir.resolve("other-division.json"), "{\"scotland\": {\"events\": []}}");
        for (String[] c : new String[][] {
                {"missing.json", "calendar.bankHolidays: cannot read 'missing.json'"},
                {"broken.json", "calendar.bankHolidays: 'broken.json' \"england-and-wales\" has events whose date is not an ISO date (yyyy-MM-dd): '7 June 2027'"},
                {"other-division.json", "calendar.bankHolidays: 'other-division.json' has no \"england-and-wales\" division"}}) {
            Path policy = dir.resolve("derbyshire.yaml");
            Files.writeString(policy, bundledDerbyshire().replace("closures: []", "closures: []\n  bankHolidays: " + c[0]));
            PolicyException error = assertThrows(PolicyException.class, () -> {
                try (InputStream in = Files.newInputStream(policy)) {
                    new PolicyLoader().load(policy.toString(), in, Set.of());
                }
            });
            assertTrue(error.getMessage().contains(policy.toString()), error.getMessage());
            assertTrue(error.getMessage().contains(c[1]), error.getMessage());
        }
    }

    static String bundledDerbyshire() {
        try (InputStream in = BankHolidayFileTest.class.getClassLoader().getResourceAsStream("policies/derbyshire.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
