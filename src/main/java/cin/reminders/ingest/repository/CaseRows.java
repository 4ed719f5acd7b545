package cin.reminders.ingest.repository;

import cin.reminders.domain.engine.CaseFacts;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.event.EventKey;
import cin.reminders.domain.model.CloseReason;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.PlanType;
import cin.reminders.domain.model.Role;
import io.vertx.mutiny.sqlclient.Row;

/** Maps rows of case_record, participant and obligation to domain values. */
final class CaseRows {

    private CaseRows() {
    }

    static CaseFacts facts(Row r) {
        return new CaseFacts(
                PlanType.valueOf(r.getString("plan_type")),
                r.getBoolean("long_term_support"),
                r.getLocalDate("opened_on"),
                r.getString("team"),
                r.getLocalDate("plan_start"),
                r.getLocalDate("last_review_on"),
                r.getLocalDate("last_visit_on"),
                r.getLocalDate("last_child_seen_alone_on"),
                r.getBoolean("seen_alone_this_cycle"),
                r.getLocalDate("closed_on"));
    }

    static Obligation obligation(Row r) {
        String reason = r.getString("close_reason");
        return new Obligation(
                r.getUUID("id"),
                r.getString("case_id"),
                ObligationKind.valueOf(r.getString("kind")),
                r.getString("rule_id"),
                r.getLocalDate("due_date"),
                ObligationStatus.valueOf(r.getString("status")),
                Role.valueOf(r.getString("owner_role")),
                r.getString("owner_participant_id"),
                new EventKey(r.getString("triggered_by_source"), r.getString("triggered_by_id")),
                r.getLocalDate("triggered_on"),
                r.getLocalDate("agreed_date"),
                r.getBoolean("breach"),
                r.getLocalDate("good_practice_on"),
                r.getLocalDate("closed_on"),
                reason == null ? null : CloseReason.valueOf(reason),
                r.getString("closed_by"));
    }
}
