package cin.reminders.notice.service;

import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.ReminderNotices;
import cin.reminders.ingest.repository.CaseRecordStore;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.repository.ReminderRungStore;
import cin.reminders.notice.rest.NoticeView;
import cin.reminders.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;


/**
 * The audit record of a case's notices: every notice recorded, plus the next rung of each open
 * obligation's reminder ladder, shown as SCHEDULED. That rung is persisted with the obligation
 * ({@code reminder_rung}) and gets its notice row, with the same id, when its time comes.
 */
@ApplicationScoped
public class NoticeQueries {

    private static final Comparator<NoticeView> ORDER = Comparator.comparing(NoticeView::scheduledFor)
            .thenComparing(v -> v.id().toString());

    private final Pool pool;
    private final CaseRecordStore cases;
    private final NoticeStore notices;
    private final ReminderRungStore rungs;
    private final ParticipantStore participants;

    public NoticeQueries(Pool pool, CaseRecordStore cases, NoticeStore notices, ReminderRungStore rungs,
                         ParticipantStore participants) {
        this.pool = pool;
        this.cases = cases;
        this.notices = notices;
        this.rungs = rungs;
        this.participants = participants;
    }

    public Uni<List<NoticeView>> forCase(String caseId) {
        return cases.exists(pool, caseId)
                .chain(known -> known ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new NotFoundProblem("No case " + caseId + " is known to this service")))
                .chain(() -> notices.forCase(pool, caseId))
                .chain(recorded -> upcomingReminders(caseId).map(upcoming -> {
                    List<NoticeView> all = new ArrayList<>();
                    Set<UUID> ids = new HashSet<>();
                    recorded.forEach(n -> {
                        all.add(NoticeView.of(n));
                        ids.add(n.id());
                    });
                    upcoming.stream().filter(v -> !ids.contains(v.id())).forEach(all::add);
                    all.sort(ORDER);
                    return all;
                }));
    }

    private Uni<List<NoticeView>> upcomingReminders(String caseId) {
        return Uni.combine().all().unis(rungs.forCase(pool, caseId), participants.forCase(pool, caseId))
                .with((ladders, people) -> {
                    List<NoticeView> out = new ArrayList<>();
                    for (ReminderRungStore.Ladder l : ladders) {
                        for (NoticeIntent n : ReminderNotices.forStep(l.obligationId(), caseId, l.ownerRole(),
                                l.ownerParticipantId(), l.next(), people, l.next().at())) {
                            out.add(NoticeView.planned(n));
                        }
                    }
                    return out;
                });
    }
}
