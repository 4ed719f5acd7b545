package cin.reminders.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cin.reminders.domain.model.ObligationStatus;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBe() {
        assertEquals("a,b,,d\r\n", Csv.line(Arrays.asList("a", "b", null, "d")));
        assertEquals("\"Team, North\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n",
                Csv.line(Arrays.asList("Team, North", "say \"hi\"", "two\r\nlines")));
        assertEquals("Ysgol Gymraeg Aberystwyth,Ôl\r\n", Csv.line(Arrays.asList("Ysgol Gymraeg Aberystwyth", "Ôl")));
    }

    @Test
    void aFieldASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'-2\",\"'@A1\"\r\n",
                Csv.line(Arrays.asList("=HYPERLINK(\"x\")", "+1", "-2", "@A1")));
    }

    @Test
    void daysLateCountsCalendarDaysToFulfilmentOrToTodayAndNothingElse() {
        LocalDate due = LocalDate.parse("2041-01-10");
        LocalDate today = LocalDate.parse("2041-02-04");
        assertEquals(4L, Timeliness.daysLate(ObligationStatus.COMPLETED, due, LocalDate.parse("2041-01-14"), today));
        assertEquals(0L, Timeliness.daysLate(ObligationStatus.COMPLETED, due, LocalDate.parse("2041-01-08"), today));
        assertEquals(25L, Timeliness.daysLate(ObligationStatus.OPEN, due, null, today));
        assertNull(Timeliness.daysLate(ObligationStatus.OPEN, due, null, LocalDate.parse("2041-01-10")), "due today: not late");
        assertNull(Timeliness.daysLate(ObligationStatus.CANCELLED, due, null, today));
        assertNull(Timeliness.daysLate(ObligationStatus.OPEN, null, null, today));
    }
}
