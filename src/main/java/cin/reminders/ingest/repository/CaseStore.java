package cin.reminders.ingest.repository;

import cin.reminders.domain.engine.BatchOutcome;
import cin.reminders.domain.engine.CaseFacts;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.notice.ReminderStep;
import cin.reminders.notice.repository.ReminderRungs;
import cin.reminders.platform.sql.CaseLocks;
import cin.reminders.platform.sql.Columns;
import cin.reminders.platform.sql.ParticipantRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads and writes case state for ingestion, a batch at a time: a fixed handful of statements per
 * batch whatever its size ({@code unnest} of column arrays), all on the caller's transaction.
 */
@ApplicationScoped
public class CaseStore {

    /**
     * Locks every named case (a transaction-scoped advisory lock: see {@link CaseLocks}) and loads its
     * facts, participants and open obligations. The lock is what makes one writer per case hold across
     * the Kafka and HTTP paths and across replicas. A case not yet known is not written here: it is
     * inserted, with its final facts, when the batch is saved.
     *
     * @param authorityByCase the authority of each case, used only for cases not yet known
     */
    public Uni<LoadedCases> lockAndLoad(SqlConnection c, Map<String, String> authorityByCase) {
        TreeMap<String, String> sorted = new TreeMap<>(authorityByCase);
        String[] ids = sorted.keySet().toArray(String[]::new);
        return CaseLocks.lock(c, sorted.keySet()).chain(() -> {
            // Three reads go out together on the one connection (the client pipelines them).
            Uni<Map<String, Row>> cases = c.preparedQuery("select * from case_record where case_id = any($1)")
                    .execute(Tuple.of((Object) ids))
                    .map(rows -> {
                        Map<String, Row> m = new HashMap<>();
                        rows.forEach(r -> m.put(r.getString("case_id"), r));
                        return m;
                    });
            Uni<Map<String, List<Row>>> participants = c.preparedQuery(
                            "select * from participant where case_id = any($1) order by case_id, position")
                    .execute(Tuple.of((Object) ids))
                    .map(rows -> {
                        Map<String, List<Row>> m = new HashMap<>();
                        rows.forEach(r -> m.computeIfAbsent(r.getString("case_id"), k -> new ArrayList<>()).add(r));
                        return m;
                    });
            Uni<Map<String, List<Obligation>>> open = c.preparedQuery(
                            "select * from obligation where case_id = any($1) and status = 'OPEN'")
                    .execute(Tuple.of((Object) ids))
                    .map(rows -> {
                        Map<String, List<Obligation>> m = new HashMap<>();
                        rows.forEach(r -> m.computeIfAbsent(r.getString("case_id"), k -> new ArrayList<>())
                                .add(CaseRows.obligation(r)));
                        return m;
                    });
            return Uni.combine().all().unis(cases, participants, open).with((cs, ps, os) -> {
                Map<String, CaseState> states = new LinkedHashMap<>();
                Set<String> fresh = new HashSet<>();
                Map<String, Integer> lastPosition = new HashMap<>();
                sorted.forEach((id, authority) -> {
                    Row r = cs.get(id);
                    if (r == null) {
                        fresh.add(id);
                        states.put(id, CaseState.empty(id, authority));
                        return;
                    }
                    Map<String, Participant> people = new LinkedHashMap<>();
                    int last = -1;
                    for (Row p : ps.getOrDefault(id, List.of())) {
                        people.put(p.getString("participant_id"), ParticipantRows.participant(p));
                        last = Math.max(last, p.getInteger("position"));
                    }
                    lastPosition.put(id, last);
                    states.put(id, new CaseState(id, r.getString("authority"), CaseRows.facts(r), people,
                            os.getOrDefault(id, List.of())));
                });
                return new LoadedCases(states, fresh, lastPosition);
            });
        });
    }

    /**
     * Writes what a batch changed: facts, participants, obligations closed or moved, obligations created.
     *
     * @param firstReminders the first rung of the reminder ladder of each obligation created open
     */
    public Uni<Void> save(SqlConnection c, LoadedCases loaded, BatchOutcome outcome, Map<UUID, ReminderStep> firstReminders) {
        // New cases first: participants, obligations and notices refer to them.
        return insertNewCases(c, loaded, outcome).chain(() -> {
            List<Uni<Void>> writes = new ArrayList<>();
            List<CaseState> changedFacts = outcome.factsChanged().stream().filter(id -> !loaded.newCases().contains(id))
                    .sorted().map(outcome.cases()::get).toList();
            if (!changedFacts.isEmpty()) {
                writes.add(updateFacts(c, changedFacts));
            }
            if (!outcome.participantsChanged().isEmpty()) {
                writes.add(saveParticipants(c, loaded, outcome));
            }
            // Closures before creations: the partial unique index allows one OPEN row per case and kind.
            writes.add(updateObligations(c, outcome.updated())
                    .chain(() -> insertObligations(c, outcome))
                    .chain(() -> ReminderRungs.insertFirst(c, firstReminders)));
            return Uni.join().all(writes).andFailFast().replaceWithVoid();
        });
    }

    private Uni<Void> insertNewCases(SqlConnection c, LoadedCases loaded, BatchOutcome outcome) {
        List<CaseState> cases = loaded.newCases().stream().sorted().map(outcome.cases()::get).toList();
        if (cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        insert into case_record (case_id, authority, plan_type, long_term_support, opened_on, team, plan_start,
                            last_review_on, last_visit_on, last_child_seen_alone_on, seen_alone_this_cycle, closed_on)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::date[], $6::text[], $7::date[],
                                             $8::date[], $9::date[], $10::date[], $11::bool[], $12::date[])""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(cases, String.class, CaseState::caseId),
                        Columns.of(cases, String.class, CaseState::authority),
                        Columns.names(cases, s -> s.facts().planType()),
                        Columns.of(cases, Boolean.class, s -> s.facts().longTermSupport()),
                        dates(cases, CaseFacts::openedOn),
                        Columns.of(cases, String.class, s -> s.facts().team()),
                        dates(cases, CaseFacts::planStart),
                        dates(cases, CaseFacts::lastReviewOn),
                        dates(cases, CaseFacts::lastVisitOn),
                        dates(cases, CaseFacts::lastChildSeenAloneOn),
                        Columns.of(cases, Boolean.class, s -> s.facts().seenAloneThisCycle()),
                        dates(cases, CaseFacts::closedOn))))
                .replaceWithVoid();
    }

    private Uni<Void> updateFacts(SqlConnection c, List<CaseState> cases) {
        return c.preparedQuery("""
                        update case_record c set plan_type = u.plan_type, long_term_support = u.lts, opened_on = u.opened_on,
                            team = u.team, plan_start = u.plan_start, last_review_on = u.last_review_on,
                            last_visit_on = u.last_visit_on, last_child_seen_alone_on = u.last_alone,
                            seen_alone_this_cycle = u.alone_cycle, closed_on = u.closed_on, updated_at = now()
                        from unnest($1::text[], $2::text[], $3::bool[], $4::date[], $5::text[], $6::date[], $7::date[],
                                    $8::date[], $9::date[], $10::bool[], $11::date[])
                            as u(case_id, plan_type, lts, opened_on, team, plan_start, last_review_on, last_visit_on,
                                 last_alone, alone_cycle, closed_on)
                        where c.case_id = u.case_id""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(cases, String.class, CaseState::caseId),
                        Columns.names(cases, s -> s.facts().planType()),
                        Columns.of(cases, Boolean.class, s -> s.facts().longTermSupport()),
                        dates(cases, CaseFacts::openedOn),
                        Columns.of(cases, String.class, s -> s.facts().team()),
                        dates(cases, CaseFacts::planStart),
                        dates(cases, CaseFacts::lastReviewOn),
                        dates(cases, CaseFacts::lastVisitOn),
                        dates(cases, CaseFacts::lastChildSeenAloneOn),
                        Columns.of(cases, Boolean.class, s -> s.facts().seenAloneThisCycle()),
                        dates(cases, CaseFacts::closedOn))))
                .replaceWithVoid();
    }

    private static LocalDate[] dates(List<CaseState> cases, java.util.function.Function<CaseFacts, LocalDate> f) {
        return Columns.of(cases, LocalDate.class, s -> f.apply(s.facts()));
    }

    /**
     * Participants: the ones upserted in the batch are written (an upsert moves a person to the end of
     * the order: the latest holder of a role is current), the removed ones deleted; the rest are left
     * alone.
     */
    private Uni<Void> saveParticipants(SqlConnection c, LoadedCases loaded, BatchOutcome outcome) {
        record Placed(String caseId, int position, Participant p) {
        }
        List<Placed> upserts = new ArrayList<>();
        List<String> removedCases = new ArrayList<>();
        List<String> removedIds = new ArrayList<>();
        for (String id : outcome.participantsChanged().stream().sorted().toList()) {
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
                upserts.add(new Placed(id, ++position, after.get(afterOrder.get(i))));
            }
        }
        Uni<Void> delete = removedIds.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery("""
                        delete from participant p using unnest($1::text[], $2::text[]) as u(case_id, participant_id)
                        where p.case_id = u.case_id and p.participant_id = u.participant_id""")
                .execute(Tuple.of(removedCases.toArray(String[]::new), removedIds.toArray(String[]::new)))
                .replaceWithVoid();
        if (upserts.isEmpty()) {
            return delete;
        }
        List<Placed> rows = upserts;
        return delete.chain(() -> c.preparedQuery("""
                        insert into participant (case_id, participant_id, position, role, name, email, mobile,
                            preferred_channel, language, date_of_birth, receives_copies, withhold_reason,
                            address_confidential, agency)
                        select * from unnest($1::text[], $2::text[], $3::int4[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::date[], $11::bool[], $12::text[], $13::bool[], $14::text[])
                        on conflict (case_id, participant_id) do update set position = excluded.position,
                            role = excluded.role, name = excluded.name, email = excluded.email, mobile = excluded.mobile,
                            preferred_channel = excluded.preferred_channel, language = excluded.language,
                            date_of_birth = excluded.date_of_birth, receives_copies = excluded.receives_copies,
                            withhold_reason = excluded.withhold_reason, address_confidential = excluded.address_confidential,
                            agency = excluded.agency, updated_at = now()""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(rows, String.class, Placed::caseId),
                        Columns.of(rows, String.class, r -> r.p().id()),
                        Columns.of(rows, Integer.class, Placed::position),
                        Columns.names(rows, r -> r.p().role()),
                        Columns.of(rows, String.class, r -> r.p().name()),
                        Columns.of(rows, String.class, r -> r.p().email()),
                        Columns.of(rows, String.class, r -> r.p().mobile()),
                        Columns.names(rows, r -> r.p().preferredChannel()),
                        Columns.of(rows, String.class, r -> r.p().language().code()),
                        Columns.of(rows, LocalDate.class, r -> r.p().dateOfBirth()),
                        Columns.of(rows, Boolean.class, r -> r.p().receivesCopies()),
                        Columns.of(rows, String.class, r -> r.p().withholdReason()),
                        Columns.of(rows, Boolean.class, r -> r.p().addressConfidential()),
                        Columns.of(rows, String.class, r -> r.p().agency()))))
                .replaceWithVoid());
    }

    private Uni<Void> updateObligations(SqlConnection c, Collection<Obligation> updated) {
        if (updated.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Obligation> rows = List.copyOf(updated);
        return c.preparedQuery("""
                        update obligation o set status = u.status, owner_participant_id = u.owner, closed_on = u.closed_on,
                            close_reason = u.close_reason, closed_by = u.closed_by, updated_at = now()
                        from unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[])
                            as u(id, status, owner, closed_on, close_reason, closed_by)
                        where o.id = u.id""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(rows, UUID.class, Obligation::id),
                        Columns.names(rows, Obligation::status),
                        Columns.of(rows, String.class, Obligation::ownerParticipantId),
                        Columns.of(rows, LocalDate.class, Obligation::closedOn),
                        Columns.names(rows, Obligation::closeReason),
                        Columns.of(rows, String.class, Obligation::closedBy))))
                // A closed obligation's ladder goes with it: nothing more is sent for it.
                .chain(() -> ReminderRungs.removeFor(c, rows.stream().filter(o -> !o.isOpen()).map(Obligation::id)
                        .toArray(UUID[]::new)));
    }

    private Uni<Void> insertObligations(SqlConnection c, BatchOutcome outcome) {
        if (outcome.created().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Obligation> rows = List.copyOf(outcome.created());
        return c.preparedQuery("""
                        insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role,
                            owner_participant_id, triggered_by_source, triggered_by_id, triggered_on, agreed_date, breach,
                            good_practice_on, closed_on, close_reason, closed_by)
                        select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[],
                            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::date[], $13::date[],
                            $14::bool[], $15::date[], $16::date[], $17::text[], $18::text[])
                        on conflict (id) do nothing""")
                .execute(Tuple.tuple(List.of(
                        Columns.of(rows, UUID.class, Obligation::id),
                        Columns.of(rows, String.class, Obligation::caseId),
                        Columns.of(rows, String.class, o -> outcome.cases().get(o.caseId()).authority()),
                        Columns.names(rows, Obligation::kind),
                        Columns.of(rows, String.class, Obligation::ruleId),
                        Columns.of(rows, LocalDate.class, Obligation::dueDate),
                        Columns.names(rows, Obligation::status),
                        Columns.names(rows, Obligation::ownerRole),
                        Columns.of(rows, String.class, Obligation::ownerParticipantId),
                        Columns.of(rows, String.class, o -> o.triggeredBy().source()),
                        Columns.of(rows, String.class, o -> o.triggeredBy().id()),
                        Columns.of(rows, LocalDate.class, Obligation::triggeredOn),
                        Columns.of(rows, LocalDate.class, Obligation::agreedDate),
                        Columns.of(rows, Boolean.class, Obligation::breach),
                        Columns.of(rows, LocalDate.class, Obligation::goodPracticeOn),
                        Columns.of(rows, LocalDate.class, Obligation::closedOn),
                        Columns.names(rows, Obligation::closeReason),
                        Columns.of(rows, String.class, Obligation::closedBy))))
                .replaceWithVoid();
    }
}
