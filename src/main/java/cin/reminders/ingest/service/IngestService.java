package cin.reminders.ingest.service;

import cin.reminders.domain.model.Councils;
import cin.reminders.platform.sql.CouncilScope;
import java.util.LinkedHashSet;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.engine.BatchOutcome;
import cin.reminders.domain.engine.CaseBatch;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.EventKey;
import cin.reminders.domain.event.InvalidEventException;
import cin.reminders.ingest.repository.ProcessedEventStore;
import cin.reminders.notice.service.EventNotices;
import cin.reminders.notice.service.FirstReminders;
import cin.reminders.platform.ServiceClock;
import java.time.Instant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies validated case events, from Kafka or HTTP, in one transaction per batch: lock the cases,
 * claim the event ids, run the policy engine, write every effect. The events are acknowledged
 * only after that transaction commits, so a crash means redelivery, and redelivery means a
 * duplicate the ledger recognises.
 */
@ApplicationScoped
public class IngestService {

    private final Pool pool;
    private final CouncilScope scope;
    private final CaseStates cases;
    private final ProcessedEventStore processed;
    private final CaseBatch batch;
    private final ServiceClock clock;
    private final FirstReminders reminders;
    private final EventNotices notices;
    private final Counter applied;
    private final Counter duplicates;

    public IngestService(Pool pool, CouncilScope scope, CaseStates cases, ProcessedEventStore processed, CaseBatch batch, MeterRegistry metrics,
                         ServiceClock clock, FirstReminders reminders, EventNotices notices) {
        this.clock = clock;
        this.reminders = reminders;
        this.notices = notices;
        this.pool = pool;
        this.scope = scope;
        this.cases = cases;
        this.processed = processed;
        this.batch = batch;
        this.applied = metrics.counter("cin.events.applied");
        this.duplicates = metrics.counter("cin.events.duplicate");
    }

    public Uni<IngestResult> ingest(List<CaseEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new IngestResult(0, 0));
        }
        return pool.withTransaction(c -> scope.actFor(c, councilsOf(events)).chain(() -> ingest(c, events)))
                .invoke(r -> {
                    applied.increment(r.applied());
                    duplicates.increment(r.duplicates());
                });
    }

    /**
     * A batch acts for the councils its events name, and no other: row-level security refuses any write of
     * another council's rows (a second wall behind the ingest's own case keys).
     */
    private static Councils councilsOf(List<CaseEvent> events) {
        Set<String> ids = new java.util.TreeSet<>();
        events.forEach(e -> ids.add(e.authority()));
        return Councils.of(ids);
    }

    /** What a batch would do: its outcome, before anything is written. */
    public record Applied(LoadedCases loaded, BatchOutcome outcome, int duplicates,
                          Instant now) {
    }

    private Uni<IngestResult> ingest(SqlConnection c, List<CaseEvent> events) {
        return apply(c, events).chain(a -> cases.save(c, a.loaded(), a.outcome(),
                        reminders.firstSteps(a.outcome().created(), a.now()), a.now())
                .chain(() -> notices.record(c, a.outcome(), a.now()))
                .replaceWith(new IngestResult(a.outcome().decisions().size(), a.duplicates())));
    }

    /**
     * The dry run: what these events would do to their cases, computed exactly as ingestion does, in
     * a transaction that is rolled back. Nothing is written and nothing is sent.
     */
    public Uni<Applied> preview(List<CaseEvent> events) {
        return pool.getConnection().chain(c -> c.begin().chain(tx -> scope.actFor(c, councilsOf(events))
                        .chain(() -> apply(c, events))
                        .onTermination().call(tx::rollback))
                .onTermination().call(c::close));
    }

    /** Locks and loads the cases, claims the event ids, runs the policy engine; writes nothing else. */
    private Uni<Applied> apply(SqlConnection c, List<CaseEvent> events) {
        // A case is (authority, caseId): an event names its council, so it can never land on another's case.
        Set<CaseRef> refs = new LinkedHashSet<>();
        events.forEach(e -> refs.add(e.ref()));
        return cases.lockAndLoad(c, refs).chain(loaded -> {
            Map<CaseRef, CaseState> states = loaded.states();
            List<CaseEvent> acceptable = events;
            return processed.claim(c, acceptable).map(fresh -> {
                List<CaseEvent> toApply = new ArrayList<>();
                Set<EventKey> taken = new HashSet<>();
                for (CaseEvent e : acceptable) {
                    if (fresh.contains(e.key()) && taken.add(e.key())) {
                        toApply.add(e);
                    }
                }
                BatchOutcome outcome = batch.apply(states, toApply);
                return new Applied(loaded, outcome, acceptable.size() - toApply.size(), clock.now());
            });
        });
    }
}
