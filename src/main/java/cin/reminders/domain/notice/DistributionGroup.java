package cin.reminders.domain.notice;

import cin.reminders.domain.model.CaseRef;
import java.util.List;
import java.util.UUID;

/**
 * The copies of one document (or the notices of one closure): once every recipient's notice is
 * SENT, DELIVERED or SUPPRESSED, the obligations listed are fulfilled (CONTRACT.md §1).
 */
public record DistributionGroup(DistributionKey key, CaseRef caseRef, List<UUID> obligationIds) {
}
