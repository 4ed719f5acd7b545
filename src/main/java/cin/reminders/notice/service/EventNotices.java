package cin.reminders.notice.service;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.engine.BatchOutcome;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.notice.DistributionGroup;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeKey;
import cin.reminders.domain.notice.NoticePlan;
import cin.reminders.domain.notice.NoticePlanner;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.notice.repository.DispatchGroupStore;
import cin.reminders.notice.repository.NoticeStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The notices a batch of events calls for, recorded in the batch's own transaction: if the events
 * commit, their notices exist; if not, neither do they.
 */
@ApplicationScoped
public class EventNotices {

    private final PolicyRegistry policies;
    private final NoticePlanner planner = new NoticePlanner();
    private final NoticeStore notices;
    private final PlannedNotices recorder;
    private final DispatchGroupStore groups;

    public EventNotices(PolicyRegistry policies, NoticeStore notices, PlannedNotices recorder, DispatchGroupStore groups) {
        this.policies = policies;
        this.notices = notices;
        this.recorder = recorder;
        this.groups = groups;
    }

    /** The notices a batch calls for, and the meeting reminders it withdraws, without writing anything. */
    public record Planned(List<NoticeIntent> notices, List<DistributionGroup> groups, List<Withdrawal> withdrawals) {
    }

    /** A re-scheduled meeting's earlier reminders. */
    public record Withdrawal(CaseRef caseRef, String meeting, String keepKeyPrefix) {
    }

    public Planned plan(BatchOutcome outcome, Instant now) {
        List<NoticeIntent> notices = new ArrayList<>();
        List<DistributionGroup> groups = new ArrayList<>();
        List<Withdrawal> withdrawals = new ArrayList<>();
        for (BatchOutcome.AppliedEvent applied : outcome.decisions()) {
            NoticePlan plan = planner.plan(policies.on(applied.before().authority(), applied.event().date()), applied.event(), applied.before(),
                    applied.decision(), now);
            notices.addAll(plan.notices());
            groups.addAll(plan.groups());
            plan.withdrawnMeetings().forEach(meeting -> withdrawals.add(new Withdrawal(applied.event().ref(), meeting,
                    NoticeKey.meetingReminderPrefix(applied.event().key()))));
        }
        return new Planned(notices, groups, withdrawals);
    }

    public Uni<Void> record(SqlConnection c, BatchOutcome outcome, Instant now) {
        Planned planned = plan(outcome, now);
        Uni<Void> withdrawals = Uni.createFrom().voidItem();
        for (Withdrawal w : planned.withdrawals()) {
            withdrawals = withdrawals.chain(() -> notices.withdrawMeetingReminders(c, w.caseRef(), w.meeting(), w.keepKeyPrefix()));
        }
        List<UUID> closed = outcome.updated().stream().filter(o -> !o.isOpen()).map(Obligation::id).toList();
        return withdrawals
                .chain(() -> notices.withdrawReminders(c, closed))
                .chain(() -> recorder.record(c, planned.notices(), now))
                .chain(() -> groups.insert(c, planned.groups()));
    }
}
