package cin.reminders.ingest.repository;

import cin.reminders.domain.engine.BatchOutcome;
import cin.reminders.domain.engine.CaseFacts;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.notice.ReminderStep;
import cin.reminders.platform.sql.Columns;
import cin.reminders.platform.sql.ParticipantRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads and writes case state for ingestion, a batch at a time: a fixed handful of statements per
 * batch whatever its size ({@code unnest} of column arrays), all on the caller's transaction.
 */
@ApplicationScoped
public class CaseStore {

    /**
     * Creates the cases not yet known, then locks every named case ({@code FOR UPDATE}, in id order so
     * two writers cannot deadlock) and loads its facts, participants and open obligations. The lock is
     * what makes one writer per case hold across the Kafka and HTTP paths and across replicas.
     *
     * @param authorityByCase the authority of each case, used only for cases not yet known
     */
    public Uni<Map<String, CaseState>> lockAndLoad(SqlConnection c, Map<String, String> authorityByCase) {
        TreeMap<String, String> sorted = new TreeMap<>(authorityByCase);
        String[] ids = sorted.keySet().toArray(String[]::new);
        String[] authorities = sorted.values().toArray(String[]::new);
        return c.preparedQuery("""
                        insert into case_record (case_id, authority, plan_type)
                        select id, authority, 'CHILD_IN_NEED' from unnest($1::text[], $2::text[]) as u(id, authority)
                        order by id
                        on conflict (case_id) do nothing""")
                .execute(Tuple.of(ids, authorities))
                .chain(() -> c.preparedQuery("select * from case_record where case_id = any($1) order by case_id for update")
                        .execute(Tuple.of((Object) ids)))
                .chain(caseRows -> {
                    Map<String, Row> byId = new LinkedHashMap<>();
                    caseRows.forEach(r -> byId.put(r.getString("case_id"), r));
                    Uni<Map<String, List<Participant>>> participants = c.preparedQuery(
                                    "select * from participant where case_id = any($1) order by case_id, position")
                            .execute(Tuple.of((Object) ids))
                            .map(rows -> {
                                Map<String, List<Participant>> m = new HashMap<>();
                                rows.forEach(r -> m.computeIfAbsent(r.getString("case_id"), k -> new ArrayList<>())
                                        .add(ParticipantRows.participant(r)));
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
                    // Both reads go out together on the one connection (the client pipelines them).
                    return Uni.combine().all().unis(participants, open).with((ps, os) -> {
                        Map<String, CaseState> states = new LinkedHashMap<>();
                        byId.forEach((id, r) -> {
                            Map<String, Participant> people = new LinkedHashMap<>();
                            ps.getOrDefault(id, List.of()).forEach(p -> people.put(p.id(), p));
                            states.put(id, new CaseState(id, r.getString("authority"), CaseRows.facts(r), people,
                                    os.getOrDefault(id, List.of())));
                        });
                        return states;
                    });
                });
    }

    /**
     * Writes what a batch changed: facts, participants, obligations closed or moved, obligations created.
     *
     * @param firstReminders the first rung of the reminder ladder of each obligation created open
     */
    public Uni<Void> save(SqlConnection c, BatchOutcome outcome, Map<UUID, ReminderStep> firstReminders) {
        List<Uni<Void>> writes = new ArrayList<>();
        if (!outcome.factsChanged().isEmpty()) {
            writes.add(saveFacts(c, outcome));
        }
        if (!outcome.participantsChanged().isEmpty()) {
            writes.add(saveParticipants(c, outcome));
        }
        // Closures before creations: the partial unique index allows one OPEN row per case and kind.
        Uni<Void> obligations = updateObligations(c, outcome.updated())
                .chain(() -> insertObligations(c, outcome, firstReminders));
        writes.add(obligations);
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    private Uni<Void> saveFacts(SqlConnection c, BatchOutcome outcome) {
        List<CaseState> cases = outcome.factsChanged().stream().sorted().map(outcome.cases()::get).toList();
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

    /** Participants of a changed case are rewritten whole: a handful of rows, and their order matters. */
    private Uni<Void> saveParticipants(SqlConnection c, BatchOutcome outcome) {
        String[] caseIds = outcome.participantsChanged().stream().sorted().toArray(String[]::new);
        record Placed(String caseId, int position, Participant p) {
        }
        List<Placed> rows = new ArrayList<>();
        for (String id : caseIds) {
            int position = 0;
            for (Participant p : outcome.cases().get(id).participants().values()) {
                rows.add(new Placed(id, position++, p));
            }
        }
        Uni<?> delete = c.preparedQuery("delete from participant where case_id = any($1)").execute(Tuple.of((Object) caseIds));
        if (rows.isEmpty()) {
            return delete.replaceWithVoid();
        }
        return delete.chain(() -> c.preparedQuery("""
                        insert into participant (case_id, participant_id, position, role, name, email, mobile,
                            preferred_channel, language, date_of_birth, receives_copies, withhold_reason,
                            address_confidential, agency)
                        select * from unnest($1::text[], $2::text[], $3::int4[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::date[], $11::bool[], $12::text[], $13::bool[], $14::text[])""")
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
                            close_reason = u.close_reason, closed_by = u.closed_by, updated_at = now(),
                            next_reminder_at = case when u.status = 'OPEN' then o.next_reminder_at end,
                            next_reminder_step = case when u.status = 'OPEN' then o.next_reminder_step end
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
                .replaceWithVoid();
    }

    private Uni<Void> insertObligations(SqlConnection c, BatchOutcome outcome, Map<UUID, ReminderStep> firstReminders) {
        if (outcome.created().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Obligation> rows = List.copyOf(outcome.created());
        return c.preparedQuery("""
                        insert into obligation (id, case_id, authority, kind, rule_id, due_date, status, owner_role,
                            owner_participant_id, triggered_by_source, triggered_by_id, triggered_on, agreed_date, breach,
                            good_practice_on, closed_on, close_reason, closed_by, next_reminder_at, next_reminder_step)
                        select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[],
                            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::date[], $13::date[],
                            $14::bool[], $15::date[], $16::date[], $17::text[], $18::text[], $19::timestamptz[], $20::text[])
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
                        Columns.of(rows, String.class, Obligation::closedBy),
                        Columns.of(rows, OffsetDateTime.class, o -> Optional.ofNullable(firstReminders.get(o.id()))
                                .map(s -> s.at().atOffset(ZoneOffset.UTC)).orElse(null)),
                        Columns.of(rows, String.class, o -> Optional.ofNullable(firstReminders.get(o.id()))
                                .map(ReminderStep::key).orElse(null)))))
                .replaceWithVoid();
    }
}
