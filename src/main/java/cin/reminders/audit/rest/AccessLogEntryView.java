package cin.reminders.audit.rest;

import cin.reminders.domain.audit.Access;
import java.time.Instant;

/** One read of a case as {@code GET /api/cases/{caseId}/access-log} shows it. */
public record AccessLogEntryView(String subject, String role, String endpoint, Instant readAt) {

    static AccessLogEntryView of(Access a) {
        return new AccessLogEntryView(a.subject(), a.role(), a.endpoint(), a.at());
    }
}
