package cin.reminders.notice.service;

import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.ReminderLadder;
import cin.reminders.domain.notice.ReminderNotices;
import cin.reminders.domain.notice.ReminderStep;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.PolicyRegistry;
import cin.reminders.notice.repository.DueReminders;
import cin.reminders.notice.repository.NoticeWriter;
import cin.reminders.notice.repository.ProfessionalContacts;
import cin.reminders.platform.ServiceClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fires the reminder ladders: claims open obligations whose next rung is due (SKIP LOCKED, in
 * batches), records the rung's notices (to the owner before the due date; to the team manager with
 * the lead professional copied once overdue) and moves each ladder to its next rung, all in one
 * transaction. The notices' natural keys make a second firing of the same rung a no-op.
 */
@ApplicationScoped
public class ReminderFiring {

    private final Pool pool;
    private final DueReminders due;
    private final ProfessionalContacts contacts;
    private final NoticeWriter writer;
    private final PolicyRegistry policies;
    private final ServiceClock clock;
    private final int batchSize;

    public ReminderFiring(Pool pool, DueReminders due, ProfessionalContacts contacts, NoticeWriter writer,
                          PolicyRegistry policies, ServiceClock clock,
                          @ConfigProperty(name = "notices.reminders.batch-size", defaultValue = "500") int batchSize) {
        this.pool = pool;
        this.due = due;
        this.contacts = contacts;
        this.writer = writer;
        this.policies = policies;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** One batch; the number of obligations whose ladder moved. */
    public Uni<Integer> fireBatch() {
        Instant now = clock.now();
        return pool.withTransaction(c -> due.claim(c, now, batchSize).chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return contacts.forCases(c, list.stream().map(DueReminders.Due::caseId).distinct().toList()).chain(people -> {
                List<NoticeIntent> notices = new ArrayList<>();
                List<DueReminders.Advance> advances = new ArrayList<>();
                Map<String, String> authorities = new LinkedHashMap<>();
                for (DueReminders.Due d : list) {
                    authorities.put(d.caseId(), d.authority());
                    Policy policy = policies.get(d.authority());
                    ReminderLadder.Plan plan = new ReminderLadder(policy.calendar(), policy.reminders())
                            .at(now, d.dueDate(), d.goodPracticeOn(), d.last());
                    plan.sendNow().ifPresent(step -> notices.addAll(
                            notices(d, step, people.getOrDefault(d.caseId(), new ProfessionalContacts.OfCase(List.of())), now)));
                    advances.add(new DueReminders.Advance(d.id(), plan.sendNow().orElse(null), plan.next().orElse(null)));
                }
                return writer.insert(c, notices, authorities::get, now)
                        .chain(() -> due.advance(c, advances))
                        .replaceWith(list.size());
            });
        }));
    }

    private static List<NoticeIntent> notices(DueReminders.Due d, ReminderStep step, ProfessionalContacts.OfCase people,
                                              Instant now) {
        return ReminderNotices.forStep(d.id(), d.caseId(), d.ownerRole(), d.ownerParticipantId(), step, people.people(), now);
    }
}
