package cin.reminders.notice.service;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.ingest.repository.CaseRecordStore;
import cin.reminders.notice.repository.DispatchGroupStore;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.repository.ReminderRungStore;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.platform.ServiceClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A distribution is complete when none of its notices is pending and every recipient has at least
 * one notice SENT, DELIVERED or SUPPRESSED ({@link DispatchGroupStore}). Completing it fulfils its
 * obligations (CONTRACT.md §1), under the same case lock ingestion takes, so a concurrent event on the
 * case cannot overwrite the fulfilment with a stale view.
 */
@ApplicationScoped
public class DistributionCompletion {

    /** Who closes an obligation that a distribution fulfilled (its {@code closed_by}). */
    static final String CLOSED_BY = "dispatch";
    /** Distributions looked at per pass of the loop that completes those settled when planned. */
    static final int SETTLED_BATCH = 200;

    private final DispatchGroupStore groups;
    private final CaseRecordStore cases;
    private final ObligationStore obligations;
    private final ReminderRungStore rungs;
    private final NoticeStore notices;

    public DistributionCompletion(DispatchGroupStore groups, CaseRecordStore cases, ObligationStore obligations,
                                  ReminderRungStore rungs, NoticeStore notices) {
        this.groups = groups;
        this.cases = cases;
        this.obligations = obligations;
        this.rungs = rungs;
        this.notices = notices;
    }

    public Uni<Void> completeReady(SqlConnection c, Collection<String> groupKeys, Instant now) {
        if (groupKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // The case locks first, then the distributions' rows: the order ingestion takes them in (a row locked before
        // the case lock deadlocked against a completion holding that lock, bench/national.sh found). Readiness is read
        // under the locks, so no event of the case can change it meanwhile.
        return groups.casesOf(c, groupKeys).chain(refs -> refs.isEmpty() ? Uni.createFrom().voidItem()
                : cases.lock(c, new TreeSet<>(refs))
                        .chain(() -> groups.ready(c, groupKeys))
                        .chain(ready -> complete(c, ready, now)));
    }

    /** Distributions whose notices were all settled when they were planned (all suppressed, say). */
    public Uni<Void> completeSettled(SqlConnection c, Instant now) {
        return groups.oldestOpen(c, SETTLED_BATCH).chain(keys -> completeReady(c, keys, now));
    }

    private Uni<Void> complete(SqlConnection c, List<DispatchGroupStore.Ready> ready, Instant now) {
        if (ready.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> keys = new ArrayList<>();
        List<UUID> fulfilled = new ArrayList<>();
        for (DispatchGroupStore.Ready r : ready) {
            keys.add(r.groupKey());
            fulfilled.addAll(r.obligationIds());
        }
        LocalDate today = now.atZone(ServiceClock.LONDON).toLocalDate();
        UUID[] ids = fulfilled.toArray(UUID[]::new);
        return obligations.fulfil(c, ids, today, CLOSED_BY)
                .chain(() -> rungs.removeFor(c, ids))
                .chain(() -> notices.withdrawReminders(c, fulfilled))
                .chain(() -> groups.markCompleted(c, keys, now));
    }
}
