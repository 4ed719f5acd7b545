package cin.reminders.domain.notice;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.engine.Decision;
import cin.reminders.domain.engine.Obligation;
import cin.reminders.domain.engine.RecordDuties;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.policy.Distribution;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.SchoolHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides which notices an applied event calls for: copies of published plans and records,
 * closure notices, meeting invitations and their day-before reminders, the team manager's notice
 * of a policy breach, Derbyshire's school-hours warning. A pure function of the event, the case
 * before and after it, the policy and "now". Reminders and escalations are not planned here: the
 * reminder ladder fires them when their time comes.
 */
public final class NoticePlanner {

    static final LocalTime MEETING_REMINDER_AT = LocalTime.of(10, 0);
    private final QuietHours quietHours = QuietHours.standard();

    public NoticePlan plan(Policy policy, CaseEvent event, CaseState before, Decision decision, Instant now) {
        CaseState after = decision.after();
        List<NoticeIntent> notices = new ArrayList<>();
        List<DistributionGroup> groups = new ArrayList<>();
        List<String> withdrawn = new ArrayList<>();
        Map<NoticeKey, FailureReason> unreachable = new LinkedHashMap<>();
        switch (event.type()) {
            case PLAN_PUBLISHED -> distribute(policy, event, after, now, NoticeTemplate.PLAN_COPY,
                    openOf(after, ObligationKind.PLAN_DISTRIBUTION, ObligationKind.OUTLINE_PLAN_DISTRIBUTION), notices,
                    groups, unreachable);
            case RECORD_PUBLISHED -> {
                // One meeting's record: its copies fulfil that meeting's duty only (POLICIES.md, record distributions).
                RecordKind record = event.data().enumValue("record", RecordKind.class);
                List<UUID> duty = RecordDuties.fulfilledBy(after.open(), record, event.data().optDate("meetingDate"))
                        .map(Obligation::id).stream().toList();
                distribute(policy, event, after, now, NoticeTemplate.RECORD_COPY, duty, notices, groups, unreachable);
            }
            case CASE_CLOSED -> distribute(policy, event, after, now, NoticeTemplate.CLOSURE_NOTICE,
                    openOf(after, ObligationKind.CLOSURE_NOTIFICATION), notices, groups, unreachable);
            case MEETING_SCHEDULED -> {
                withdrawn.add(event.data().string("meeting"));
                invite(policy, event, after, now, notices, unreachable);
            }
            default -> { }
        }
        breaches(event, after, decision, now, notices);
        // Someone the rules name but whom nothing can reach (no email, no mobile, no letter; or post too slow for
        // the meeting): the lead professional is told now, with the meeting's date when post was too slow.
        for (NoticeIntent n : List.copyOf(notices)) {
            if (n.status() == NoticeStatus.FAILED && n.template().isFamilyNotice()) {
                FailureReason why = unreachable.getOrDefault(n.key(), FailureReason.NO_CONTACT);
                LocalDateTime meeting = why == FailureReason.TOO_LATE_FOR_POST && n.data() instanceof NoticeData.Meeting m
                        ? m.startsAt() : null;
                ContactFailure.tell(ContactFailure.leadProfessionalOf(after), after.ref(), n.key(), n.template(),
                        n.recipientId(), n.recipientRole(), why, meeting, now).ifPresent(notices::add);
            }
        }
        return new NoticePlan(notices, groups, withdrawn);
    }

    /** The ids of the case's open obligations of the kinds given. */
    private static List<UUID> openOf(CaseState after, ObligationKind... kinds) {
        List<ObligationKind> fulfils = List.of(kinds);
        return after.open().stream().filter(o -> fulfils.contains(o.kind())).map(Obligation::id).toList();
    }

    /** Copies of a document to those the policy names; once they are all out, {@code fulfils} are fulfilled. */
    private void distribute(Policy policy, CaseEvent event, CaseState after, Instant now, NoticeTemplate template,
                            List<UUID> fulfils, List<NoticeIntent> notices, List<DistributionGroup> groups,
                            Map<NoticeKey, FailureReason> unreachable) {
        Map<String, Participant> recipients = new LinkedHashMap<>();
        for (Distribution d : policy.distributions()) {
            if (d.on() != event.type() || !d.template().equals(template.id())) {
                continue;
            }
            if (event.type() == EventType.RECORD_PUBLISHED && !d.record().isEmpty()
                    && !d.record().contains(event.data().string("record"))) {
                continue;
            }
            for (Participant p : after.participants().values()) {
                if (d.roles().contains(p.role())) {
                    recipients.putIfAbsent(p.id(), p);
                }
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        DistributionKey group = DistributionKey.of(template, event.key());
        boolean plan = event.type() == EventType.PLAN_PUBLISHED;
        NoticeData data = new NoticeData.Document(
                event.data().optString("documentUrl").orElse(null),
                // Validated on a record's publication; elsewhere an extra field, kept only when it names a record.
                event.data().optString("record").flatMap(NoticePlanner::recordKind).orElse(null),
                plan ? event.data().integer("version") : null,
                plan ? event.data().bool("amended") : null,
                event.date());
        int before = notices.size();
        Post post = Post.of(policy, template, (LocalDateTime) null, today(now));
        for (Participant p : recipients.values()) {
            Delivery.forFamilyNotice(p, event.date(), policy.childCopyMinAge(), post).ifPresent(d -> notices.add(
                    intent(NoticeKey.copy(group, p.id()), after.ref(), template, p, d, now, group, null, data, unreachable)));
        }
        if (notices.size() > before) {
            groups.add(new DistributionGroup(group, after.ref(), fulfils));
        }
    }

    private void invite(Policy policy, CaseEvent event, CaseState after, Instant now, List<NoticeIntent> notices,
                        Map<NoticeKey, FailureReason> unreachable) {
        LocalDateTime startsAt = event.data().optDateTime("startsAt").orElseThrow();
        Instant start = startsAt.atZone(QuietHours.LONDON).toInstant();
        if (!start.isAfter(now)) {
            return; // the meeting has already begun: an invitation now would only confuse
        }
        // A confidential address must never appear in any notice.
        NoticeData data = new NoticeData.Meeting(event.data().enumValue("meeting", MeetingKind.class), startsAt,
                event.data().string("venue"), after.participants().values().stream().anyMatch(Participant::addressConfidential));
        Instant reminderAt = startsAt.toLocalDate().minusDays(1).atTime(MEETING_REMINDER_AT).atZone(QuietHours.LONDON).toInstant();
        // Scheduled after 10:00 the day before: the invitation itself is the reminder; two messages at once would be noise.
        boolean remind = reminderAt.isAfter(now);
        // Post only when a letter can arrive before the meeting (CONTRACT-2 §5).
        Post post = Post.of(policy, NoticeTemplate.MEETING_INVITATION, startsAt, today(now));
        for (String invitee : event.data().strings("invitees")) {
            Participant p = after.participants().get(invitee);
            if (p == null) {
                continue; // not (yet) a participant of the case: nobody to address
            }
            Optional<Delivery> delivery = p.role().isFamily()
                    ? Delivery.forFamilyNotice(p, startsAt.toLocalDate(), policy.childCopyMinAge(), post)
                    : Optional.of(Delivery.to(p, post));
            Instant remindAt = reminderAt;
            delivery.ifPresent(d -> {
                notices.add(intent(NoticeKey.meetingInvitation(event.key(), p.id()), after.ref(),
                        NoticeTemplate.MEETING_INVITATION, p, d, now, null, null, data, unreachable));
                // The day-before reminder never goes by post. Someone the invitation reaches only by letter, or
                // whom post cannot reach in time, gets no reminder rather than a second failure; someone nothing
                // reaches (no-contact) keeps the failed reminder, and its contact-failed, as before letters.
                Delivery r = p.role().isFamily()
                        ? Delivery.forFamilyNotice(p, startsAt.toLocalDate(), policy.childCopyMinAge()).orElse(d)
                        : Delivery.to(p);
                boolean nothingMore = r.status() == NoticeStatus.FAILED && d.failure() != FailureReason.NO_CONTACT;
                NoticeIntent reminder = intent(NoticeKey.meetingReminder(event.key(), p.id()), after.ref(),
                        NoticeTemplate.MEETING_REMINDER, p, r, remindAt, null, null, data, unreachable);
                // never a reminder after the meeting has begun
                if (remind && !nothingMore && reminder.scheduledFor().isBefore(start)) {
                    notices.add(reminder);
                }
            });
        }
        schoolHoursWarning(policy, event, after, startsAt, now, data, notices);
    }

    private void schoolHoursWarning(Policy policy, CaseEvent event, CaseState after, LocalDateTime startsAt, Instant now,
                                    NoticeData meeting, List<NoticeIntent> notices) {
        SchoolHours school = policy.schoolHours();
        if (school == null || !policy.calendar().isWorkingDay(startsAt.toLocalDate())
                || !school.covers(startsAt.toLocalTime())) {
            return;
        }
        LocalDate day = startsAt.toLocalDate();
        boolean schoolAgeChildAttends = event.data().strings("invitees").stream()
                .map(after.participants()::get)
                .anyMatch(p -> p != null && p.role() == Role.CHILD && p.ageOn(day).map(school::isSchoolAge).orElse(false));
        if (!schoolAgeChildAttends) {
            return;
        }
        after.current(Role.LEAD_PROFESSIONAL).ifPresent(lp -> notices.add(intent(
                NoticeKey.schoolHoursWarning(event.key(), lp.id()), after.ref(), NoticeTemplate.SCHOOL_HOURS_WARNING,
                lp, Delivery.to(lp), now, null, null, meeting, null)));
    }

    private void breaches(CaseEvent event, CaseState after, Decision decision, Instant now, List<NoticeIntent> notices) {
        for (Obligation o : decision.changed()) {
            if (!o.breach() || !o.isOpen() || !o.triggeredBy().equals(event.key())) {
                continue;
            }
            NoticeData data = new NoticeData.Breach(o.kind(), o.dueDate(), o.agreedDate(), o.ruleId());
            after.current(Role.TEAM_MANAGER).ifPresent(tm -> notices.add(intent(NoticeKey.policyBreach(o.id(), tm.id()),
                    after.ref(), NoticeTemplate.POLICY_BREACH, tm, Delivery.to(tm), now, null, o.id(), data, null)));
        }
    }

    private NoticeIntent intent(NoticeKey key, CaseRef caseRef, NoticeTemplate template, Participant p, Delivery d, Instant at,
                                DistributionKey group, UUID obligationId, NoticeData data,
                                Map<NoticeKey, FailureReason> unreachable) {
        if (d.failure() != null && unreachable != null) {
            unreachable.put(key, d.failure());
        }
        Instant when = at;
        if (template.isFamilyNotice() && p.role().isFamily() && d.channel() == cin.reminders.domain.model.Channel.SMS) {
            when = quietHours.nextAllowed(at);
        }
        return new NoticeIntent(key, caseRef, template, p.id(), p.role(), d.channel(), p.language(), when, d.status(),
                d.reason(), group, obligationId, data, null);
    }

    /** The council's day (England and Wales: London time). */
    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, QuietHours.LONDON);
    }

    private static Optional<RecordKind> recordKind(String name) {
        return Arrays.stream(RecordKind.values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
