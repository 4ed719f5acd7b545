package cin.reminders.notice.service;

import io.vertx.mutiny.sqlclient.SqlConnection;
import cin.reminders.domain.model.Councils;
import cin.reminders.platform.sql.CouncilScope;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.ReminderNotices;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.ingest.repository.ParticipantStore;
import cin.reminders.notice.repository.NoticeStore;
import cin.reminders.notice.repository.ReminderRungStore;
import cin.reminders.notice.rest.NoticeView;
import io.smallrye.mutiny.Uni;
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

    private final CouncilScope scope;
    private final NoticeStore notices;
    private final ReminderRungStore rungs;
    private final ParticipantStore participants;

    public NoticeQueries(CouncilScope scope, NoticeStore notices, ReminderRungStore rungs,
                         ParticipantStore participants) {
        this.scope = scope;
        this.notices = notices;
        this.rungs = rungs;
        this.participants = participants;
    }

    /** A case the caller may read (resolved and checked by the access policy). */
    public Uni<List<NoticeView>> forCase(CaseRef caseId) {
        return scope.actingFor(Councils.of(caseId.authority()), c -> notices.forCase(c, caseId)
                .chain(recorded -> upcomingReminders(c, caseId).map(upcoming -> {
                    List<NoticeView> all = new ArrayList<>();
                    Set<UUID> ids = new HashSet<>();
                    recorded.forEach(n -> {
                        all.add(NoticeView.of(n));
                        ids.add(n.id());
                    });
                    upcoming.stream().filter(v -> !ids.contains(v.id())).forEach(all::add);
                    all.sort(ORDER);
                    return all;
                })));
    }

    private Uni<List<NoticeView>> upcomingReminders(SqlConnection c, CaseRef caseId) {
        // Both on the transaction's connection: it sends them one after the other without waiting.
        return Uni.combine().all().unis(rungs.forCase(c, caseId), participants.forCase(c, caseId))
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
