package cin.reminders.domain.notice;

import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The non-personal facts a notice's template needs (dates, document link, meeting time), typed, one
 * record per family of templates. People are looked up when sending, never stored here.
 * <p>
 * Stored as a flat JSON object of strings (the notice's {@code data} column): {@link #toMap()} gives
 * exactly the keys and values written before this type existed, and leaves absent facts out rather
 * than writing them empty; {@link #fromMap} reads them back. Fields are null where the fact is
 * absent: rows written by earlier versions lack some keys, and are still sent.
 */
public sealed interface NoticeData {

    /** The stored form: keys in a fixed order, no null values. */
    Map<String, String> toMap();

    /**
     * Reads stored data back as the family {@code template} writes. Never throws: a value the template
     * needs that does not parse gives {@link Unreadable}, which fails when the notice is rendered (like
     * any other fault of ours) instead of blocking the claim of its whole batch. A value no template
     * reads is dropped if it does not parse.
     */
    static NoticeData fromMap(NoticeTemplate template, Map<String, String> stored) {
        return StoredData.read(template, stored == null ? Map.of() : stored);
    }

    /**
     * Copies of a plan or record, and closure notices: the notices of one distribution.
     *
     * @param documentUrl the link to the document as the event gave it (checked for http(s) when worded)
     * @param record which record was published (record copies)
     * @param version the plan's version (plan copies only)
     * @param amended whether the plan is an amended one (plan copies only; stored "true" or "false")
     * @param eventDate the day of the event: the closing date, for a closure notice
     */
    record Document(String documentUrl, RecordKind record, Integer version, Boolean amended, LocalDate eventDate)
            implements NoticeData {

        @Override
        public Map<String, String> toMap() {
            return new StoredData.Writer()
                    .put("documentUrl", documentUrl)
                    .put("record", record)
                    .put("version", version)
                    .put("amended", amended)
                    .put("eventDate", eventDate)
                    .map();
        }
    }

    /**
     * A meeting's invitation and reminder, and the school-hours warning about it.
     *
     * @param venueConfidential someone on the case has a confidential address: the venue must appear in no
     *                          notice (stored only when true)
     */
    record Meeting(MeetingKind meeting, LocalDateTime startsAt, String venue, boolean venueConfidential)
            implements NoticeData {

        public Meeting {
            if (meeting != null && startsAt == null) {
                throw new IllegalArgumentException("a meeting is worded with its date and time");
            }
        }

        @Override
        public Map<String, String> toMap() {
            return new StoredData.Writer()
                    .put("meeting", meeting)
                    .put("startsAt", startsAt)
                    .put("venue", venue)
                    .put("venueConfidential", venueConfidential ? Boolean.TRUE : null)
                    .map();
        }
    }

    /**
     * The team manager's notice that an agreed date broke the statutory maximum.
     *
     * @param dueDate the capped due date (the statutory maximum)
     * @param agreedDate the date agreed, later than the maximum
     * @param ruleId the policy row, e.g. D1
     */
    record Breach(ObligationKind obligationKind, LocalDate dueDate, LocalDate agreedDate, String ruleId)
            implements NoticeData {

        @Override
        public Map<String, String> toMap() {
            return new StoredData.Writer()
                    .put("obligationKind", obligationKind)
                    .put("dueDate", dueDate)
                    .put("agreedDate", agreedDate)
                    .put("ruleId", ruleId)
                    .map();
        }
    }

    /**
     * An obligation's due date moved by a change of calendar (CONTRACT-2 §9).
     *
     * @param previousDueDate the date it was due before
     * @param dueDate the date it is due now
     */
    record DueDateChanged(LocalDate previousDueDate, LocalDate dueDate) implements NoticeData {

        @Override
        public Map<String, String> toMap() {
            return new StoredData.Writer()
                    .put("previousDueDate", previousDueDate)
                    .put("dueDate", dueDate)
                    .map();
        }
    }

    /**
     * A professional's daily digest (CONTRACT-2 §7): what it lists is read when it is sent.
     *
     * @param day the working day it is for
     */
    record Digest(LocalDate day) implements NoticeData {

        @Override
        public Map<String, String> toMap() {
            return new StoredData.Writer().put("day", day).map();
        }
    }

    /**
     * A rung of an obligation's reminder ladder (reminder or overdue notice).
     *
     * @param step the rung's {@link ReminderStep#key()}, e.g. before-5, overdue-0
     */
    record Reminder(String step) implements NoticeData {

        @Override
        public Map<String, String> toMap() {
            return new StoredData.Writer().put("step", step).map();
        }
    }

    /**
     * The lead professional told that a notice could not reach its recipient.
     *
     * @param failedRecipientId the participant who could not be reached (their name is looked up when sending)
     * @param meetingStartsAt when the meeting an invitation was for begins (too late for post), else null
     */
    record ContactFailed(NoticeTemplate failedTemplate, String failedRecipientId, Role failedRecipientRole,
                         FailureReason failedReason, LocalDateTime meetingStartsAt) implements NoticeData {

        /** Not about a meeting. */
        public ContactFailed(NoticeTemplate failedTemplate, String failedRecipientId, Role failedRecipientRole,
                             FailureReason failedReason) {
            this(failedTemplate, failedRecipientId, failedRecipientRole, failedReason, null);
        }

        @Override
        public Map<String, String> toMap() {
            return new StoredData.Writer()
                    .put("failedTemplate", failedTemplate == null ? null : failedTemplate.id())
                    .put("failedRecipientId", failedRecipientId)
                    .put("failedRecipientRole", failedRecipientRole)
                    .put("failedReason", failedReason == null ? null : failedReason.code())
                    .put("meetingStartsAt", meetingStartsAt)
                    .map();
        }
    }

    /**
     * Stored data its template cannot use (a value it needs does not parse). Kept as stored, so that
     * copying it (the email sent instead of a text) changes nothing; rendering it fails.
     *
     * @param problem which value, and why
     */
    record Unreadable(Map<String, String> stored, String problem) implements NoticeData {

        public Unreadable {
            Map<String, String> kept = new java.util.LinkedHashMap<>();
            stored.forEach((k, v) -> {
                if (v != null) {
                    kept.put(k, v);
                }
            });
            stored = java.util.Collections.unmodifiableMap(kept);
        }

        @Override
        public Map<String, String> toMap() {
            return stored;
        }
    }
}
