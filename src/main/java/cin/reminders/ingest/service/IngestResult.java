package cin.reminders.ingest.service;

import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.InvalidEventException;
import java.util.List;

/**
 * What happened to a batch: how many events were applied, how many were already known, and the
 * events refused for a reason only the case's stored state could reveal.
 */
public record IngestResult(int applied, int duplicates, List<Refusal> refused) {

    /** An event that cannot be applied to its case, with why. */
    public record Refusal(CaseEvent event, InvalidEventException reason) {
    }
}
