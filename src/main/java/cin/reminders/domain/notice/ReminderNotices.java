package cin.reminders.domain.notice;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a rung of a reminder ladder goes to: before the due date, the obligation's owner (else the
 * current holder of the owner's role, else the team manager); once overdue, the team manager with
 * the lead professional copied. The keys make each rung's notices unique per obligation, step and
 * recipient.
 */
public final class ReminderNotices {

    private ReminderNotices() {
    }

    /**
     * @param people the case's participants in upsert order (the last of a role is its current holder)
     */
    public static List<NoticeIntent> forStep(UUID obligationId, CaseRef caseRef, Role ownerRole, String ownerParticipantId,
                                             ReminderStep step, List<Participant> people, Instant scheduledFor) {
        List<Participant> to = new ArrayList<>();
        NoticeTemplate template;
        if (step.isEscalation()) {
            template = NoticeTemplate.OBLIGATION_OVERDUE;
            current(people, Role.TEAM_MANAGER).ifPresent(to::add);
            current(people, Role.LEAD_PROFESSIONAL).filter(lp -> !to.contains(lp)).ifPresent(to::add);
        } else {
            template = NoticeTemplate.OBLIGATION_REMINDER;
            owner(people, ownerRole, ownerParticipantId).ifPresent(to::add);
        }
        List<NoticeIntent> out = new ArrayList<>();
        for (Participant p : to) {
            Delivery delivery = Delivery.to(p);
            out.add(new NoticeIntent(NoticeKey.reminder(template, obligationId, step, p.id()), caseRef, template,
                    p.id(), p.role(), delivery.channel(), p.language(), scheduledFor, delivery.status(), delivery.reason(),
                    null, obligationId, new NoticeData.Reminder(step.key()), null));
        }
        return out;
    }

    /**
     * The owner told that a change of calendar moved an obligation's due date: the owner, else the current holder of
     * the owner's role, else the team manager, as for a reminder; one notice per obligation, calendar and recipient.
     */
    public static List<NoticeIntent> dueDateChanged(UUID obligationId, CaseRef caseRef, Role ownerRole,
                                                    String ownerParticipantId, String calendarFingerprint,
                                                    NoticeData.DueDateChanged change, List<Participant> people,
                                                    Instant scheduledFor) {
        List<NoticeIntent> out = new ArrayList<>();
        owner(people, ownerRole, ownerParticipantId).ifPresent(p -> {
            Delivery delivery = Delivery.to(p);
            out.add(new NoticeIntent(NoticeKey.dueDateChanged(obligationId, calendarFingerprint, p.id()), caseRef,
                    NoticeTemplate.DUE_DATE_CHANGED, p.id(), p.role(), delivery.channel(), p.language(), scheduledFor,
                    delivery.status(), delivery.reason(), null, obligationId, change, null));
        });
        return out;
    }

    private static Optional<Participant> owner(List<Participant> people, Role ownerRole, String ownerParticipantId) {
        return people.stream().filter(p -> p.id().equals(ownerParticipantId)).findFirst()
                .or(() -> current(people, ownerRole))
                .or(() -> current(people, Role.TEAM_MANAGER));
    }

    private static Optional<Participant> current(List<Participant> people, Role role) {
        Participant found = null;
        for (Participant p : people) {
            if (p.role() == role) {
                found = p;
            }
        }
        return Optional.ofNullable(found);
    }
}
