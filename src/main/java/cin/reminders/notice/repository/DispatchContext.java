package cin.reminders.notice.repository;

import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PersonRef;
import cin.reminders.domain.notice.NoticeData;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.obligation.repository.ObligationStore;
import java.util.Objects;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What rendering a batch of notices needs, read in two queries for the whole batch: the people of
 * each case (recipients, the child, the lead professional) and the obligations reminded about; and for daily
 * digests, their professionals and what each lists. It holds no SQL: it asks the participant, obligation and notice
 * stores.
 */
@ApplicationScoped
public class DispatchContext {

    private final Pool pool;
    private final ParticipantStore participants;
    private final ObligationStore obligations;
    private final NoticeStore notices;

    public DispatchContext(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, ParticipantStore participants,
                           ObligationStore obligations, NoticeStore notices) {
        this.pool = pool;
        this.participants = participants;
        this.obligations = obligations;
        this.notices = notices;
    }

    /** An obligation as a reminder shows it. */
    public record ObligationFacts(UUID id, ObligationKind kind, String ruleId, LocalDate dueDate, ObligationStatus status,
                                  LocalDate agreedDate) {

        public static ObligationFacts of(Obligation o) {
            return new ObligationFacts(o.id(), o.kind(), o.ruleId(), o.dueDate(), o.status(), o.agreedDate());
        }
    }

    /**
     * What a daily digest lists, read when it is sent: the rungs folded into it whose obligations are still open, the
     * recipient's own overdue work, and (a team manager's) their team's.
     */
    public record DigestWork(List<Obligation> due, List<Obligation> overdue, List<Obligation> team) {

        public static final DigestWork NONE = new DigestWork(List.of(), List.of(), List.of());

        /** Nothing due today and nothing overdue: no digest (CONTRACT-2 §7). */
        public boolean isEmpty() {
            return due.isEmpty() && overdue.isEmpty() && team.isEmpty();
        }
    }

    /**
     * The loaded context.
     *
     * @param professionals the recipients of digests, which belong to a person rather than a case
     * @param digests what each digest lists, by the digest's id
     */
    public record Loaded(Map<CaseRef, Map<String, Participant>> people, Map<UUID, ObligationFacts> obligations,
                         Map<PersonRef, Participant> professionals, Map<UUID, DigestWork> digests) {

        public Loaded(Map<CaseRef, Map<String, Participant>> people, Map<UUID, ObligationFacts> obligations) {
            this(people, obligations, Map.of(), Map.of());
        }

        /** Who a notice goes to: a participant of its case, or for a digest the professional. */
        public Optional<Participant> recipient(ClaimedNotice n) {
            return n.template().isPersonal()
                    ? Optional.ofNullable(professionals.get(new PersonRef(n.authority(), n.recipientId())))
                    : participant(n.ref(), n.recipientId());
        }

        public DigestWork digest(UUID id) {
            return digests.getOrDefault(id, DigestWork.NONE);
        }

        public Optional<Participant> participant(CaseRef caseId, String id) {
            return Optional.ofNullable(people.getOrDefault(caseId, Map.of()).get(id));
        }

        /** The current holder of a role (the latest upserted). */
        public Optional<Participant> current(CaseRef caseId, Role role) {
            Participant found = null;
            for (Participant p : people.getOrDefault(caseId, Map.of()).values()) {
                if (p.role() == role) {
                    found = p;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    public Uni<Loaded> load(Collection<ClaimedNotice> notices) {
        List<ClaimedNotice> digests = notices.stream().filter(n -> n.template().isPersonal()).toList();
        List<CaseRef> cases = notices.stream().filter(n -> !n.template().isPersonal()).map(ClaimedNotice::ref).distinct().toList();
        List<UUID> ids = notices.stream().map(ClaimedNotice::obligationId).filter(Objects::nonNull).distinct().toList();
        Uni<Map<CaseRef, Map<String, Participant>>> people = participants.forCases(pool, cases).map(DispatchContext::byCase);
        Uni<Map<UUID, ObligationFacts>> facts = obligations.byIds(pool, ids).map(stored -> {
            Map<UUID, ObligationFacts> m = new HashMap<>();
            stored.forEach((id, s) -> m.put(id, ObligationFacts.of(s.obligation())));
            return m;
        });
        if (digests.isEmpty()) {
            return Uni.combine().all().unis(people, facts).with(Loaded::new);
        }
        Uni<Map<PersonRef, Participant>> professionals = participants.latestOf(pool,
                digests.stream().map(n -> new PersonRef(n.authority(), n.recipientId())).distinct().toList());
        return Uni.combine().all().unis(people, facts, professionals, digestWork(digests))
                .with(Loaded::new);
    }

    /** Lines a digest lists at most, its own and its team's overdue work each (the work tray has the rest). */
    public static final int DIGEST_OVERDUE_LIMIT = 50;

    private Uni<Map<UUID, DigestWork>> digestWork(List<ClaimedNotice> digests) {
        Uni<Map<UUID, List<Obligation>>> folded = notices.foldedInto(pool, digests.stream().map(ClaimedNotice::id).toList())
                .chain(rungs -> obligations.byIds(pool, rungs.stream().map(NoticeStore.FoldedRung::obligationId).distinct().toList())
                        .map(byId -> {
                            Map<UUID, List<Obligation>> m = new HashMap<>();
                            for (NoticeStore.FoldedRung r : rungs) {
                                ObligationStore.StoredObligation o = byId.get(r.obligationId());
                                if (o != null && o.obligation().status() == ObligationStatus.OPEN) {
                                    List<Obligation> list = m.computeIfAbsent(r.digestId(), k -> new ArrayList<>());
                                    if (!list.contains(o.obligation())) {
                                        list.add(o.obligation());
                                    }
                                }
                            }
                            return m;
                        }));
        // Overdue as of each digest's own day, per council (participant ids are a council's own).
        Map<String, Map<LocalDate, List<ClaimedNotice>>> byCouncilAndDay = new HashMap<>();
        for (ClaimedNotice n : digests) {
            LocalDate day = n.data() instanceof NoticeData.Digest d ? d.day() : null;
            if (day != null) {
                byCouncilAndDay.computeIfAbsent(n.authority(), k -> new HashMap<>())
                        .computeIfAbsent(day, k -> new ArrayList<>()).add(n);
            }
        }
        List<Uni<Map<UUID, DigestWork>>> parts = new ArrayList<>();
        byCouncilAndDay.forEach((authority, days) -> days.forEach((day, list) -> {
            List<String> who = list.stream().map(ClaimedNotice::recipientId).distinct().toList();
            parts.add(Uni.combine().all()
                    .unis(obligations.overdueOwnedBy(pool, authority, who, day, DIGEST_OVERDUE_LIMIT + 1),
                            obligations.overdueOfTeams(pool, authority, who, day, DIGEST_OVERDUE_LIMIT + 1))
                    .with((own, team) -> {
                        Map<UUID, DigestWork> m = new HashMap<>();
                        for (ClaimedNotice n : list) {
                            m.put(n.id(), new DigestWork(List.of(), plain(own.get(n.recipientId())),
                                    plain(team.get(n.recipientId()))));
                        }
                        return m;
                    }));
        }));
        Uni<List<Map<UUID, DigestWork>>> overdue = parts.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(parts).andFailFast();
        return Uni.combine().all().unis(folded, overdue).with((due, maps) -> {
            Map<UUID, DigestWork> out = new HashMap<>();
            for (ClaimedNotice n : digests) {
                DigestWork w = maps.stream().map(m -> m.get(n.id())).filter(Objects::nonNull).findFirst().orElse(DigestWork.NONE);
                out.put(n.id(), new DigestWork(due.getOrDefault(n.id(), List.of()), w.overdue(), w.team()));
            }
            return out;
        });
    }

    private static List<Obligation> plain(List<ObligationStore.StoredObligation> stored) {
        return stored == null ? List.of() : stored.stream().map(ObligationStore.StoredObligation::obligation).toList();
    }

    /** Each case's people by id, in their order. */
    public static Map<CaseRef, Map<String, Participant>> byCase(Map<CaseRef, ParticipantStore.People> people) {
        Map<CaseRef, Map<String, Participant>> m = new HashMap<>();
        people.forEach((caseId, p) -> m.put(caseId, p.byId()));
        return m;
    }
}
