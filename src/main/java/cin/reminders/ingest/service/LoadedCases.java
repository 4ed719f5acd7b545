package cin.reminders.ingest.service;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.engine.CaseState;
import java.util.Map;
import java.util.Set;

/**
 * The cases of a batch as the database had them, under their locks.
 *
 * @param states every case the batch names (a new one as {@link CaseState#empty})
 * @param newCases the ones with no row yet: written with an INSERT at the end of the batch
 * @param lastPosition per case, the highest participant position stored (new upserts go after it)
 */
public record LoadedCases(Map<CaseRef, CaseState> states, Set<CaseRef> newCases, Map<CaseRef, Integer> lastPosition) {
}
