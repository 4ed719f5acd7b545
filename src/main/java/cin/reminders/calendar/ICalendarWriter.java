package cin.reminders.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes an RFC 5545 calendar: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
 * character), TEXT values escaped. Each deadline is an all-day event on its due date.
 */
public final class ICalendarWriter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One deadline. */
    public record Deadline(String uid, LocalDate due, String summary, String description, boolean overdue) {
    }

    private final StringBuilder out = new StringBuilder();

    public static String calendar(String name, List<Deadline> deadlines, Instant now) {
        ICalendarWriter w = new ICalendarWriter();
        w.line("BEGIN:VCALENDAR");
        w.line("VERSION:2.0");
        w.line("PRODID:-//Childrens Services//CIN statutory timescales//EN");
        w.line("CALSCALE:GREGORIAN");
        w.line("METHOD:PUBLISH");
        w.line("X-WR-CALNAME:" + escape(name));
        w.line("X-WR-TIMEZONE:Europe/London");
        for (Deadline d : deadlines) {
            w.line("BEGIN:VEVENT");
            w.line("UID:" + d.uid());
            w.line("DTSTAMP:" + STAMP.format(now));
            w.line("DTSTART;VALUE=DATE:" + DATE.format(d.due()));
            w.line("DTEND;VALUE=DATE:" + DATE.format(d.due().plusDays(1)));
            w.line("SUMMARY:" + escape(d.summary()));
            w.line("DESCRIPTION:" + escape(d.description()));
            w.line("CATEGORIES:" + (d.overdue() ? "Overdue" : "Due"));
            w.line("TRANSP:TRANSPARENT");
            w.line("STATUS:CONFIRMED");
            w.line("BEGIN:VALARM");
            w.line("ACTION:DISPLAY");
            w.line("DESCRIPTION:" + escape(d.summary()));
            w.line("TRIGGER:-P1D");
            w.line("END:VALARM");
            w.line("END:VEVENT");
        }
        w.line("END:VCALENDAR");
        return w.out.toString();
    }

    /** RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** RFC 5545 §3.1: content lines longer than 75 octets are folded (CRLF and a space). */
    private void line(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int limit = 75;
        while (bytes.length - start > limit) {
            int end = start + limit;
            while ((bytes[end] & 0xC0) == 0x80) { // do not split a UTF-8 character
                end--;
            }
            out.append(new String(bytes, start, end - start, StandardCharsets.UTF_8)).append("\r\n ");
            start = end;
            limit = 74; // the leading space of a continuation line counts
        }
        out.append(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8)).append("\r\n");
    }
}
