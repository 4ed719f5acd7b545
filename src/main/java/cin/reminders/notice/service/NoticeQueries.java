package cin.reminders.notice.service;

import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.ReminderNotices;
import cin.reminders.domain.notice.ReminderStep;
import cin.reminders.notice.repository.NoticeRepository;
import cin.reminders.notice.rest.NoticeView;
import cin.reminders.obligation.repository.CaseRepository;
import cin.reminders.platform.problem.NotFoundProblem;
import cin.reminders.platform.sql.ParticipantRows;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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

    private final NoticeRepository notices;
    private final CaseRepository cases;
    private final Pool pool;

    public NoticeQueries(NoticeRepository notices, CaseRepository cases, Pool pool) {
        this.notices = notices;
        this.cases = cases;
        this.pool = pool;
    }

    @WithSession
    public Uni<List<NoticeView>> forCase(String caseId) {
        return cases.findById(caseId)
                .onItem().ifNull().failWith(() -> new NotFoundProblem("No case " + caseId + " is known to this service"))
                .chain(c -> notices.forCase(caseId))
                .chain(recorded -> upcomingReminders(caseId).map(upcoming -> {
                    List<NoticeView> all = new ArrayList<>();
                    Set<UUID> ids = new HashSet<>();
                    recorded.forEach(n -> {
                        all.add(NoticeView.of(n));
                        ids.add(n.id);
                    });
                    upcoming.stream().filter(v -> !ids.contains(v.id())).forEach(all::add);
                    all.sort(ORDER);
                    return all;
                }));
    }

    private Uni<List<NoticeView>> upcomingReminders(String caseId) {
        Uni<List<Row>> ladders = pool.preparedQuery("""
                        select o.id, o.owner_role, o.owner_participant_id, r.due_at, r.step
                        from obligation o join reminder_rung r on r.obligation_id = o.id
                        where o.case_id = $1 and o.status = 'OPEN'""")
                .execute(Tuple.of(caseId)).map(rows -> {
                    List<Row> out = new ArrayList<>();
                    rows.forEach(out::add);
                    return out;
                });
        Uni<List<Participant>> people = pool.preparedQuery("select * from participant where case_id = $1 order by position")
                .execute(Tuple.of(caseId)).map(rows -> {
                    List<Participant> out = new ArrayList<>();
                    rows.forEach(r -> out.add(ParticipantRows.participant(r)));
                    return out;
                });
        return Uni.combine().all().unis(ladders, people).with((rows, participants) -> {
            List<NoticeView> out = new ArrayList<>();
            for (Row r : rows) {
                ReminderStep step = new ReminderStep(r.getString("step"), r.getOffsetDateTime("due_at").toInstant());
                for (NoticeIntent n : ReminderNotices.forStep(r.getUUID("id"), caseId, Role.valueOf(r.getString("owner_role")),
                        r.getString("owner_participant_id"), step, participants, step.at())) {
                    out.add(NoticeView.planned(n));
                }
            }
            return out;
        });
    }
}
