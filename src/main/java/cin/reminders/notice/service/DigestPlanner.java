package cin.reminders.notice.service;

import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PersonRef;
import cin.reminders.domain.notice.DigestDay;
import cin.reminders.domain.notice.DigestNotice;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.notice.config.NoticesConfig;
import cin.reminders.notice.repository.DigestDayStore;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.sql.Databases;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the day's digests of the professionals who have overdue work (CONTRACT-2 §7), once a working day per council
 * on {@code reminders.delivery: digest}, at its reminder hour: the owners of overdue obligations and the team managers
 * of their cases. Those with a rung today get theirs from the rung firing too; the digest's key makes it one either
 * way. A professional with no email address gets no digest: their rungs go on their own, as the channel they have.
 */
@ApplicationScoped
public class DigestPlanner {

    private final Pool pool;
    private final PolicyRegistry policies;
    private final ObligationStore obligations;
    private final ParticipantStore participants;
    private final NoticeStore notices;
    private final DigestDayStore days;
    private final ServiceClock clock;
    private final Duration gather;
    /** The days this replica has seen planned (by itself or another), so the loop asks the database once a day. */
    private final Set<PlannedDay> planned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private record PlannedDay(String authority, LocalDate day) {
    }

    public DigestPlanner(@ReactiveDataSource(Databases.ALL_COUNCILS) Pool pool, PolicyRegistry policies,
                         ObligationStore obligations, ParticipantStore participants, NoticeStore notices,
                         DigestDayStore days, ServiceClock clock, NoticesConfig config) {
        this.pool = pool;
        this.policies = policies;
        this.obligations = obligations;
        this.participants = participants;
        this.notices = notices;
        this.days = days;
        this.clock = clock;
        this.gather = config.reminders().digestGather();
    }

    /** Plans every digest council's day whose hour has come and that is not planned yet; the digests written. */
    public Uni<Integer> planDue() {
        Instant now = clock.now();
        List<Uni<Integer>> plans = new ArrayList<>();
        for (Policy policy : policies.all()) {
            if (!policy.reminders().digest()) {
                continue;
            }
            DigestDay digestDay = new DigestDay(policy.calendar(), policy.reminders().at(), gather);
            digestDay.plannedAt(now).map(day -> new PlannedDay(policy.authority(), day)).filter(d -> !planned.contains(d))
                    .ifPresent(d -> plans.add(plan(d.authority(), d.day(), digestDay.sendAt(d.day()), now)
                            .invoke(() -> planned.add(d))));
        }
        if (plans.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(plans).andFailFast().map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> plan(String authority, LocalDate day, Instant sendAt, Instant now) {
        return pool.withTransaction(c -> days.claim(c, authority, day, now).chain(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(0);
            }
            return Uni.combine().all()
                    .unis(obligations.overdueOwners(c, authority, day), obligations.managersOfOverdue(c, authority, day))
                    .with((owners, managers) -> {
                        Set<PersonRef> who = new LinkedHashSet<>();
                        owners.forEach(id -> who.add(new PersonRef(authority, id)));
                        managers.forEach(id -> who.add(new PersonRef(authority, id)));
                        return who;
                    })
                    .chain(who -> participants.latestOf(c, who))
                    .chain(people -> {
                        List<DigestNotice> digests = digests(people, day, sendAt);
                        return notices.planDigests(c, digests)
                                .chain(() -> days.planned(c, authority, day, digests.size()))
                                .replaceWith(digests.size());
                    });
        }));
    }

    /** A digest for each professional the service can email. */
    static List<DigestNotice> digests(Map<PersonRef, Participant> people, LocalDate day, Instant sendAt) {
        List<DigestNotice> out = new ArrayList<>();
        people.forEach((ref, p) -> {
            if (p.role().isProfessional() && p.emailAddress().isPresent()) {
                out.add(new DigestNotice(ref.authority(), ref.participantId(), p.role(), p.language(), day, sendAt));
            }
        });
        return out;
    }
}
