package cin.reminders.notice.render;

import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.NoticeData;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.policy.Policy;
import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.notice.repository.DispatchContext;
import cin.reminders.domain.engine.Obligation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Builds the {@link MessageModel} of a notice from what the dispatcher loaded, in the recipient's language. */
public final class MessageModels {

    private MessageModels() {
    }

    public static MessageModel build(ClaimedNotice n, Participant recipient, DispatchContext.Loaded ctx, Policy policy,
                                     LocalDate today) {
        Wording w = Wording.of(n.language());
        if (n.data() instanceof NoticeData.Unreadable u) {
            throw new IllegalStateException("notice " + n.id() + " has data its template cannot use: " + u.problem());
        }
        NoticeData.Document document = n.data() instanceof NoticeData.Document x ? x : null;
        NoticeData.Meeting meeting = n.data() instanceof NoticeData.Meeting x ? x : null;
        boolean professional = n.template().audience() == NoticeTemplate.Audience.PROFESSIONAL;
        // A digest is about many cases: it names no child.
        String childName = recipient.role() == Role.CHILD || n.template().isPersonal() ? null
                : ctx.current(n.ref(), Role.CHILD).map(Participant::name).orElse(null);

        String documentLabel = switch (n.template()) {
            case PLAN_COPY -> w.plan();
            case RECORD_COPY -> document != null && document.record() != null ? w.record(document.record()) : null;
            default -> null;
        };
        String meetingLabel = null;
        String meetingDate = null;
        String meetingTime = null;
        if (meeting != null && meeting.meeting() != null) {
            meetingLabel = w.meeting(meeting.meeting());
            meetingDate = w.date(meeting.startsAt().toLocalDate());
            meetingTime = w.time(meeting.startsAt().toLocalTime());
        }
        boolean venueConfidential = meeting != null && meeting.venueConfidential();

        String obligationLabel = null;
        String dueDate = null;
        String agreedDate = null;
        Integer workingDaysLeft = null;
        Long daysOverdue = null;
        String rule = null;
        Optional<DispatchContext.ObligationFacts> obligation = Optional.ofNullable(n.obligationId()).map(ctx.obligations()::get);
        if (obligation.isPresent()) {
            DispatchContext.ObligationFacts o = obligation.get();
            obligationLabel = w.obligation(o.kind());
            rule = o.ruleId();
            if (o.dueDate() != null) {
                dueDate = w.date(o.dueDate());
                workingDaysLeft = workingDaysUntil(policy.calendar(), today, o.dueDate());
                daysOverdue = Math.max(0, ChronoUnit.DAYS.between(o.dueDate(), today));
            }
            if (o.agreedDate() != null) {
                agreedDate = w.date(o.agreedDate());
            }
        }
        String previousDueDate = null;
        if (n.data() instanceof NoticeData.DueDateChanged moved && moved.previousDueDate() != null && moved.dueDate() != null) {
            // The dates of the change this notice is about (the obligation may have moved again since).
            previousDueDate = w.date(moved.previousDueDate());
            dueDate = w.date(moved.dueDate());
        }
        if (n.data() instanceof NoticeData.Breach breach && breach.agreedDate() != null) {
            agreedDate = w.date(breach.agreedDate());
        }

        String failedWhat = null;
        String failedName = null;
        String failedRole = null;
        String failedReason = null;
        if (n.data() instanceof NoticeData.ContactFailed failed) {
            failedWhat = failed.failedTemplate() == null ? null : w.failedWhat(failed.failedTemplate());
            failedName = ctx.participant(n.ref(), failed.failedRecipientId()).map(Participant::name).orElse(null);
            failedRole = failed.failedRecipientRole() == null ? null : w.role(failed.failedRecipientRole());
            failedReason = w.failure(failed.failedReason());
            if (failed.meetingStartsAt() != null) { // too late for post: the meeting's date and time
                meetingDate = w.date(failed.meetingStartsAt().toLocalDate());
                meetingTime = w.time(failed.meetingStartsAt().toLocalTime());
            }
        }
        String closedOn = n.template() == NoticeTemplate.CLOSURE_NOTICE && document != null && document.eventDate() != null
                ? w.date(document.eventDate()) : null;

        return MessageModel.builder()
                .template(n.template().id())
                .language(n.language().code())
                .recipientName(recipient.name())
                .recipientIsChild(recipient.role() == Role.CHILD)
                .councilName(policy.name())
                .caseId(professional ? n.caseId() : null)
                .childName(childName)
                .documentLabel(documentLabel)
                .documentUrl(safeLink(document == null ? null : document.documentUrl()))
                .amended(document != null && Boolean.TRUE.equals(document.amended()))
                .meetingLabel(meetingLabel)
                .meetingDate(meetingDate)
                .meetingTime(meetingTime)
                .venue(venueConfidential || meeting == null ? null : meeting.venue())
                .venueConfidential(venueConfidential)
                .obligationLabel(obligationLabel)
                .dueDate(dueDate)
                .previousDueDate(previousDueDate)
                .agreedDate(agreedDate)
                .workingDaysLeft(workingDaysLeft)
                .daysOverdue(daysOverdue)
                .ruleReference(rule)
                .failedWhat(failedWhat)
                .failedRecipientName(failedName)
                .failedRecipientRole(failedRole)
                .failedReason(failedReason)
                .closedOn(closedOn)
                .questionsLine(w.questionsLine())
                .digest(n.data() instanceof NoticeData.Digest d ? digest(d.day(), ctx.digest(n.id()), w, today) : null)
                .build();
    }

    /**
     * A digest's lines: the day's rungs in due-date order, then the professional's own overdue work and their team's,
     * oldest first, each obligation listed once; at most {@link DispatchContext#DIGEST_OVERDUE_LIMIT} overdue lines
     * of each kind, and how many more there are.
     */
    public static DigestLines digest(LocalDate day, DispatchContext.DigestWork work, Wording w, LocalDate today) {
        java.util.Set<java.util.UUID> listed = new java.util.HashSet<>();
        List<DigestLines.Line> due = lines(work.due().stream()
                .sorted(java.util.Comparator.comparing(Obligation::dueDate, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                        .thenComparing(o -> o.caseRef().caseId()))
                .toList(), listed, Integer.MAX_VALUE, w, today);
        int limit = DispatchContext.DIGEST_OVERDUE_LIMIT;
        List<DigestLines.Line> overdue = lines(work.overdue(), listed, limit, w, today);
        List<DigestLines.Line> team = lines(work.team(), listed, limit, w, today);
        int more = Math.max(0, work.overdue().size() - limit) + Math.max(0, work.team().size() - limit);
        return new DigestLines(w.date(day), due, overdue, team, more);
    }

    private static List<DigestLines.Line> lines(List<Obligation> obligations, java.util.Set<java.util.UUID> listed, int limit,
                                                Wording w, LocalDate today) {
        List<DigestLines.Line> out = new ArrayList<>();
        for (Obligation o : obligations) {
            if (out.size() == limit) {
                break;
            }
            if (listed.add(o.id())) {
                out.add(new DigestLines.Line(o.caseRef().caseId(), w.obligation(o.kind()),
                        o.dueDate() == null ? null : w.date(o.dueDate()), o.ruleId(),
                        o.dueDate() == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(o.dueDate(), today))));
            }
        }
        return out;
    }

    /** Working days from today to the due date: 0 on the day, 1 the working day before. */
    static int workingDaysUntil(WorkingCalendar calendar, LocalDate today, LocalDate due) {
        int n = 0;
        LocalDate d = today;
        while (d.isBefore(due)) {
            d = d.plusDays(1);
            if (calendar.isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** Only web links reach a message; anything else (javascript:, data:) is dropped. */
    static String safeLink(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.trim().toLowerCase();
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.trim() : null;
    }
}
