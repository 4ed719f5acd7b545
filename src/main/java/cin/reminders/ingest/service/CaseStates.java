package cin.reminders.ingest.service;

import cin.reminders.domain.engine.BatchOutcome;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.model.Participant;
import cin.reminders.ingest.repository.CaseRecordStore;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.notice.repository.ReminderRungStore;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.domain.model.CaseRef;
import java.time.Instant;
import java.util.Collection;
import java.util.TreeSet;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The cases of an ingestion batch, loaded under their locks and saved when the batch is applied: a
 * fixed handful of statements per batch whatever its size, all on the caller's transaction, through
 * the stores of case_record, participant, obligation and reminder_rung.
 */
@ApplicationScoped
public class CaseStates {

    private final CaseRecordStore cases;
    private final ParticipantStore participants;
    private final ObligationStore obligations;
    private final ReminderRungStore rungs;

    public CaseStates(CaseRecordStore cases, ParticipantStore participants, ObligationStore obligations,
                      ReminderRungStore rungs) {
        this.cases = cases;
        this.participants = participants;
        this.obligations = obligations;
        this.rungs = rungs;
    }

    /**
     * Locks every named case (see {@link CaseRecordStore#lock}) and loads its facts, participants and
     * open obligations. The lock is what makes one writer per case hold across the Kafka and HTTP paths
     * and across replicas. A case not yet known is not written here: it is inserted, with its final
     * facts, when the batch is saved.
     *
     * @param refs the cases the batch names
     */
    public Uni<LoadedCases> lockAndLoad(SqlConnection c, Collection<CaseRef> refs) {
        TreeSet<CaseRef> ids = new TreeSet<>(refs);
        // Three reads go out together on the one connection (the client pipelines them).
        return cases.lock(c, ids).chain(() -> Uni.combine().all()
                .unis(cases.find(c, ids), participants.forCases(c, ids), obligations.openForCases(c, ids))
                .with((stored, people, open) -> {
                    Map<CaseRef, CaseState> states = new LinkedHashMap<>();
                    Set<CaseRef> fresh = new HashSet<>();
                    Map<CaseRef, Integer> lastPosition = new java.util.HashMap<>();
                    ids.forEach(id -> {
                        CaseRecordStore.StoredCase s = stored.get(id);
                        if (s == null) {
                            fresh.add(id);
                            states.put(id, CaseState.empty(id));
                            return;
                        }
                        ParticipantStore.People p = people.getOrDefault(id, ParticipantStore.People.NONE);
                        lastPosition.put(id, p.lastPosition());
                        states.put(id, new CaseState(id.caseId(), id.authority(), s.facts(), new LinkedHashMap<>(p.byId()),
                                open.getOrDefault(id, List.of())));
                    });
                    return new LoadedCases(states, fresh, lastPosition);
                }));
    }

    /**
     * Writes what a batch changed: facts, participants, obligations closed or moved, obligations created.
     *
     * @param firstReminders the first rung of the reminder ladder of each obligation created open
     * @param now when the batch arrived: its cases' last event time
     */
    public Uni<Void> save(SqlConnection c, LoadedCases loaded, BatchOutcome outcome,
                          Map<UUID, ReminderRungStore.First> firstReminders, Instant now) {
        // New cases first: participants, obligations and notices refer to them.
        List<CaseState> created = loaded.newCases().stream().sorted().map(outcome.cases()::get).toList();
        return cases.insert(c, created, now).chain(() -> {
            List<Uni<Void>> writes = new ArrayList<>();
            // Cases whose facts changed: their facts and last event time. The others an event was applied to: their
            // last event time only where a reminder waits for the case to settle (SettleRule), so that steady
            // ingest writes no more rows than before.
            List<CaseState> changedFacts = outcome.factsChanged().stream().filter(id -> !loaded.newCases().contains(id))
                    .sorted().map(outcome.cases()::get).toList();
            Set<CaseRef> unchanged = new TreeSet<>();
            outcome.decisions().forEach(d -> unchanged.add(d.event().ref()));
            unchanged.removeAll(outcome.factsChanged());
            unchanged.removeAll(loaded.newCases());
            writes.add(cases.updateFacts(c, changedFacts, now)
                    .chain(() -> cases.touchWhereSettling(c, unchanged, now)));
            if (!outcome.participantsChanged().isEmpty()) {
                writes.add(saveParticipants(c, loaded, outcome));
            }
            // Closures before creations: the partial unique index allows one OPEN row per case and kind.
            UUID[] closed = outcome.updated().stream().filter(o -> !o.isOpen()).map(Obligation::id).toArray(UUID[]::new);
            writes.add(obligations.update(c, outcome.updated())
                    // A closed obligation's ladder goes with it: nothing more is sent for it.
                    .chain(() -> rungs.removeFor(c, closed))
                    .chain(() -> obligations.insert(c, outcome.created()))
                    .chain(() -> rungs.insertFirst(c, firstReminders)));
            return Uni.join().all(writes).andFailFast().replaceWithVoid();
        });
    }

    /**
     * Participants: the ones upserted in the batch are written (an upsert moves a person to the end of
     * the order: the latest holder of a role is current), the removed ones deleted; the rest are left
     * alone.
     */
    private Uni<Void> saveParticipants(SqlConnection c, LoadedCases loaded, BatchOutcome outcome) {
        List<ParticipantStore.Placed> upserts = new ArrayList<>();
        List<CaseRef> removedCases = new ArrayList<>();
        List<String> removedIds = new ArrayList<>();
        for (CaseRef id : outcome.participantsChanged().stream().sorted().toList()) {
            Map<String, Participant> before = loaded.states().get(id).participants();
            Map<String, Participant> after = outcome.cases().get(id).participants();
            before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> {
                removedCases.add(id);
                removedIds.add(k);
            });
            // The after-map is in upsert order; from the first participant whose place or content changed,
            // everyone is written with a position after the stored ones, keeping their order.
            List<String> beforeOrder = new ArrayList<>(before.keySet());
            beforeOrder.retainAll(after.keySet());
            List<String> afterOrder = new ArrayList<>(after.keySet());
            int unchanged = 0;
            while (unchanged < beforeOrder.size() && unchanged < afterOrder.size()
                    && beforeOrder.get(unchanged).equals(afterOrder.get(unchanged))
                    && after.get(afterOrder.get(unchanged)).equals(before.get(afterOrder.get(unchanged)))) {
                unchanged++;
            }
            int position = loaded.lastPosition().getOrDefault(id, -1);
            for (int i = unchanged; i < afterOrder.size(); i++) {
                upserts.add(new ParticipantStore.Placed(id, ++position, after.get(afterOrder.get(i))));
            }
        }
        return participants.delete(c, removedCases, removedIds).chain(() -> participants.upsert(c, upserts));
    }
}
