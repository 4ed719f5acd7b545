package cin.reminders.domain.notice;

import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@link NoticeData} to and from its stored form, a flat map of strings. */
final class StoredData {

    private StoredData() {
    }

    static NoticeData read(NoticeTemplate template, Map<String, String> stored) {
        Reader r = new Reader(stored);
        try {
            return switch (template) {
                case PLAN_COPY, RECORD_COPY, CLOSURE_NOTICE -> new NoticeData.Document(
                        r.text("documentUrl"),
                        template == NoticeTemplate.RECORD_COPY ? r.needed("record", RecordKind::valueOf)
                                : r.unused("record", RecordKind::valueOf),
                        r.unused("version", Integer::valueOf),
                        r.unused("amended", StoredData::bool),
                        template == NoticeTemplate.CLOSURE_NOTICE ? r.needed("eventDate", LocalDate::parse)
                                : r.unused("eventDate", LocalDate::parse));
                case MEETING_INVITATION, MEETING_REMINDER, SCHOOL_HOURS_WARNING -> {
                    MeetingKind meeting = r.needed("meeting", MeetingKind::valueOf);
                    // A meeting is worded with its date and time: one without them cannot be.
                    LocalDateTime startsAt = meeting == null ? r.unused("startsAt", LocalDateTime::parse)
                            : r.required("startsAt", LocalDateTime::parse);
                    yield new NoticeData.Meeting(meeting, startsAt, r.text("venue"), "true".equals(r.text("venueConfidential")));
                }
                case POLICY_BREACH -> new NoticeData.Breach(
                        r.unused("obligationKind", ObligationKind::valueOf),
                        r.unused("dueDate", LocalDate::parse),
                        r.needed("agreedDate", LocalDate::parse),
                        r.text("ruleId"));
                case OBLIGATION_REMINDER, OBLIGATION_OVERDUE -> new NoticeData.Reminder(r.text("step"));
                case DUE_DATE_CHANGED -> new NoticeData.DueDateChanged(
                        r.needed("previousDueDate", LocalDate::parse),
                        r.needed("dueDate", LocalDate::parse));
                case DAILY_DIGEST -> new NoticeData.Digest(r.required("day", LocalDate::parse));
                case CONTACT_FAILED -> new NoticeData.ContactFailed(
                        r.unused("failedTemplate", id -> NoticeTemplate.fromId(id).orElseThrow(IllegalArgumentException::new)),
                        r.text("failedRecipientId"),
                        r.needed("failedRecipientRole", Role::valueOf),
                        // An unknown code is worded in general terms, as before.
                        r.unused("failedReason", code -> FailureReason.fromCode(code).orElseThrow(IllegalArgumentException::new)),
                        r.unused("meetingStartsAt", LocalDateTime::parse));
            };
        } catch (Malformed e) {
            return new NoticeData.Unreadable(stored, e.getMessage());
        }
    }

    /** Only the two spellings written: anything else is not a boolean. */
    private static Boolean bool(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    /** Reads a stored map: absent keys (and JSON nulls) read as null. */
    private record Reader(Map<String, String> stored) {

        String text(String key) {
            return stored.get(key);
        }

        /** A value the template words: if present it must parse. */
        <T> T needed(String key, Function<String, T> parse) {
            String text = stored.get(key);
            return text == null ? null : parse(key, text, parse);
        }

        /** A value the template cannot do without. */
        <T> T required(String key, Function<String, T> parse) {
            if (stored.get(key) == null) {
                throw new Malformed(key + " is missing");
            }
            return needed(key, parse);
        }

        /** A value nothing words (kept for the record): one that does not parse is dropped. */
        <T> T unused(String key, Function<String, T> parse) {
            try {
                return needed(key, parse);
            } catch (Malformed e) {
                return null;
            }
        }

        private static <T> T parse(String key, String text, Function<String, T> parse) {
            try {
                return parse.apply(text);
            } catch (RuntimeException e) {
                throw new Malformed(key + " does not parse (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Writes the stored form: absent values are left out, never written empty. */
    static final class Writer {

        private final Map<String, String> map = new LinkedHashMap<>();

        Writer put(String key, Object value) {
            if (value != null) {
                map.put(key, value instanceof Enum<?> e ? e.name() : value.toString());
            }
            return this;
        }

        Map<String, String> map() {
            return Collections.unmodifiableMap(map);
        }
    }
}
