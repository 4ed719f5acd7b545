package cin.reminders.platform.pages;

import cin.reminders.domain.model.CloseReason;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.platform.ServiceClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the pages say things, once for all of them: dates in the UK long style in Europe/London, the labels of
 * templates, channels and roles, the status tags (whose text says what the colour shows), and the redaction of
 * provider reasons (no page shows an email address or a phone number).
 */
public final class PageText {

    public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    public static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    public static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);

    private PageText() {
    }

    /** 2 March 2026; empty for no date. */
    public static String day(LocalDate date) {
        return date == null ? "" : date.format(DAY);
    }

    /** 2 March 2026, 10:00 (London time); empty for no time. */
    public static String when(Instant at) {
        return at == null ? "" : at.atZone(ServiceClock.LONDON).format(WHEN);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static final Map<String, String> TEMPLATES = Map.ofEntries(
            Map.entry("plan-copy", "Copy of the plan"),
            Map.entry("record-copy", "Copy of a record"),
            Map.entry("meeting-invitation", "Meeting invitation"),
            Map.entry("meeting-reminder", "Meeting reminder"),
            Map.entry("closure-notice", "Closure notice"),
            Map.entry("obligation-reminder", "Reminder of a due date"),
            Map.entry("obligation-overdue", "Overdue alert"),
            Map.entry("policy-breach", "Policy breach"),
            Map.entry("contact-failed", "Contact failed"),
            Map.entry("school-hours-warning", "School hours warning"),
            Map.entry("due-date-changed", "Due date changed"),
            Map.entry("daily-digest", "Daily digest"));

    public static String templateLabel(String template) {
        return template == null ? "" : TEMPLATES.getOrDefault(template, template);
    }

    public static String channelLabel(String channel) {
        if (channel == null) {
            return "";
        }
        return switch (channel) {
            case "SMS" -> "Text message";
            case "EMAIL" -> "Email";
            case "LETTER" -> "Letter";
            default -> channel;
        };
    }

    /** LEAD_PROFESSIONAL → Lead professional. */
    public static String roleLabel(String role) {
        if (role == null || role.isBlank()) {
            return "";
        }
        String words = role.toLowerCase(Locale.UK).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** An obligation's status (as a reader sees it today) as a tag. */
    public static Tag obligationTag(ObligationStatus status) {
        return switch (status) {
            case OVERDUE -> new Tag("Overdue", "govuk-tag--red");
            case OPEN -> new Tag("Open", "govuk-tag--blue");
            case COMPLETED -> new Tag("Done", "govuk-tag--green");
            case CANCELLED -> new Tag("Cancelled", "govuk-tag--grey");
        };
    }

    public static Tag noticeTag(NoticeStatus status) {
        return switch (status.external()) {
            case SCHEDULED, SENDING -> new Tag("Scheduled", "govuk-tag--blue");
            case SENT -> new Tag("Sent", "govuk-tag--turquoise");
            case DELIVERED -> new Tag("Delivered", "govuk-tag--green");
            case FAILED -> new Tag("Failed", "govuk-tag--red");
            case SUPPRESSED -> new Tag("Not sent", "govuk-tag--grey");
        };
    }

    /** What closed an obligation, in words: "Done on 3 March 2026", "Replaced on ...". Empty while it is open. */
    public static String closed(CloseReason reason, LocalDate on) {
        if (reason == null) {
            return on == null ? "" : "Closed on " + day(on);
        }
        String what = switch (reason) {
            case FULFILLED -> "Done";
            case SUPERSEDED -> "Replaced by a new one";
            case CASE_CLOSED -> "Case closed";
            case VOID -> "No longer needed";
        };
        return on == null ? what : what + " on " + day(on);
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()-]{8,}\\d");

    /** A provider's reason, with anything that looks like an email address or a phone number taken out. */
    public static String redact(String reason) {
        if (reason == null) {
            return null;
        }
        String out = EMAIL.matcher(reason).replaceAll("[email address]");
        return PHONE.matcher(out).replaceAll("[phone number]");
    }
}
