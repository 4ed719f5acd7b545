package cin.reminders.domain.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file in the shape of gov.uk's {@code bank-holidays.json} (https://www.gov.uk/bank-holidays.json): for each
 * division ({@code england-and-wales}, {@code scotland}, {@code northern-ireland}) a list of events with a
 * {@code date}. A council names one in {@code calendar.bankHolidays} so that a one-off bank holiday is a data change:
 * its days are added to the computed ones.
 *
 * @param days the division's days, as the file gives them
 * @param lastYear the last year the file covers (the year of its latest day): beyond it, the computed days stand alone
 */
public record BankHolidayFile(Set<LocalDate> days, int lastYear) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BankHolidayFile {
        days = Set.copyOf(days);
    }

    /**
     * Reads the division of {@code region} from {@code in}.
     *
     * @throws IllegalArgumentException naming what is wrong (every bad date, or the missing division)
     */
    public static BankHolidayFile read(InputStream in, CalendarRegion region) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not in gov.uk's bank-holidays.json shape (a JSON object of divisions)");
        }
        JsonNode division = root.get(region.govUkDivision());
        if (division == null || !division.path("events").isArray()) {
            throw new IllegalArgumentException("has no \"" + region.govUkDivision() + "\" division with a list of "
                    + "\"events\" (the region's, in gov.uk's bank-holidays.json shape)");
        }
        Set<LocalDate> days = new TreeSet<>();
        List<String> bad = new ArrayList<>();
        for (JsonNode event : division.get("events")) {
            String date = event.path("date").asText("");
            try {
                days.add(LocalDate.parse(date));
            } catch (DateTimeParseException e) {
                bad.add("'" + date + "'");
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("\"" + region.govUkDivision() + "\" has events whose date is not an ISO "
                    + "date (yyyy-MM-dd): " + String.join(", ", bad));
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("\"" + region.govUkDivision() + "\" lists no events");
        }
        return new BankHolidayFile(days, ((TreeSet<LocalDate>) days).last().getYear());
    }
}
