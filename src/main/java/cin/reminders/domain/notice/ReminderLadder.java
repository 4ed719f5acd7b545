package cin.reminders.domain.notice;

import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.policy.ReminderPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reminders an open obligation earns: to its owner some working days before the due date
 * (default 5, 1 and 0), then, once overdue, an escalation the working day after the due date and
 * every {@code escalateEvery} working days after that; all at the council's hour (08:30) on
 * working days. Portsmouth adds a "good practice" visit reminder.
 * <p>
 * Only the most recent step whose time has come applies: after back-dated events, or a service
 * outage, one message goes out, not a burst of stale ones.
 */
public final class ReminderLadder {

    private final WorkingCalendar calendar;
    private final ReminderPolicy policy;

    public ReminderLadder(WorkingCalendar calendar, ReminderPolicy policy) {
        this.calendar = calendar;
        this.policy = policy;
    }

    /** What is to be done at {@code now}: the step to send now (if any is due), and the next one after it. */
    public record Plan(Optional<ReminderStep> sendNow, Optional<ReminderStep> next) {
    }

    /**
     * @param due the obligation's due date (no ladder without one)
     * @param goodPracticeOn an earlier "good practice" reminder date, or null
     * @param after only steps later than this one count (the step last sent), or null
     */
    public Plan at(Instant now, LocalDate due, LocalDate goodPracticeOn, ReminderStep after) {
        if (due == null) {
            return new Plan(Optional.empty(), Optional.empty());
        }
        List<ReminderStep> fixed = fixedSteps(due, goodPracticeOn);
        ReminderStep latestDue = null;
        ReminderStep next = null;
        for (ReminderStep s : fixed) {
            if (after != null && !s.at().isAfter(after.at())) {
                continue;
            }
            if (!s.at().isAfter(now)) {
                latestDue = s;
            } else if (next == null) {
                next = s;
            }
        }
        if (next == null) {
            // Escalations go on while the obligation stays open; find the latest one due and the one after.
            LocalDate first = calendar.plusWorkingDays(due, 1);
            int n = 0;
            LocalDate day = first;
            while (true) {
                ReminderStep s = new ReminderStep("overdue-" + n, atHour(day));
                boolean counts = after == null || s.at().isAfter(after.at());
                if (s.at().isAfter(now)) {
                    if (counts) {
                        next = s;
                        break;
                    }
                } else if (counts) {
                    latestDue = s;
                }
                n++;
                day = calendar.plusWorkingDays(day, policy.escalateEvery());
            }
        }
        return new Plan(Optional.ofNullable(latestDue), Optional.ofNullable(next));
    }

    /**
     * When news for a professional that is not a rung (a due date that moved) is best sent: now, on a working day
     * between the council's reminder hour and the end of the working day (17:30); otherwise at the reminder hour of
     * the next working day, not in the night or at a weekend.
     */
    public Instant nextWorkingHour(Instant now) {
        java.time.ZonedDateTime local = now.atZone(QuietHours.LONDON);
        LocalDate today = local.toLocalDate();
        if (calendar.isWorkingDay(today)) {
            java.time.LocalTime time = local.toLocalTime();
            if (time.isBefore(policy.at())) {
                return atHour(today);
            }
            if (time.isBefore(END_OF_WORKING_DAY)) {
                return now;
            }
        }
        return atHour(calendar.nextWorkingDay(today));
    }

    private static final java.time.LocalTime END_OF_WORKING_DAY = java.time.LocalTime.of(17, 30);

    private List<ReminderStep> fixedSteps(LocalDate due, LocalDate goodPracticeOn) {
        List<ReminderStep> steps = new ArrayList<>();
        LocalDate dueDay = calendar.onOrBefore(due);
        List<Integer> before = policy.workingDaysBefore(); // descending
        LocalDate firstBefore = before.isEmpty() ? dueDay : dayBefore(dueDay, before.get(0));
        if (goodPracticeOn != null && goodPracticeOn.isBefore(firstBefore)) {
            steps.add(new ReminderStep("good-practice", atHour(calendar.onOrBefore(goodPracticeOn))));
        }
        for (int k : before) {
            steps.add(new ReminderStep("before-" + k, atHour(dayBefore(dueDay, k))));
        }
        return steps;
    }

    private LocalDate dayBefore(LocalDate due, int workingDays) {
        return workingDays == 0 ? due : calendar.minusWorkingDays(due, workingDays);
    }

    private Instant atHour(LocalDate day) {
        return day.atTime(policy.at()).atZone(QuietHours.LONDON).toInstant();
    }
}
