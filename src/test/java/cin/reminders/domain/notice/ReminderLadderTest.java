package cin.reminders.domain.notice;

import static cin.reminders.domain.Events.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.calendar.CalendarRegion;
import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.policy.ReminderPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReminderLadderTest {

    final WorkingCalendar calendar = WorkingCalendar.of(CalendarRegion.ENGLAND_AND_WALES, Set.of());
    final ReminderLadder ladder = new ReminderLadder(calendar, ReminderPolicy.standard());

    static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(QuietHours.LONDON).toInstant();
    }

    /** Walks the ladder from {@code from} to {@code until} as the firing loop does, collecting what it sends. */
    List<ReminderStep> walk(LocalDate due, LocalDate goodPractice, Instant from, Instant until) {
        List<ReminderStep> sent = new ArrayList<>();
        ReminderLadder.Plan plan = ladder.at(from, due, goodPractice, null);
        ReminderStep last = null;
        plan.sendNow().ifPresent(sent::add);
        last = plan.sendNow().orElse(null);
        while (plan.next().isPresent() && !plan.next().get().at().isAfter(until)) {
            Instant now = plan.next().get().at();
            plan = ladder.at(now, due, goodPractice, last);
            plan.sendNow().ifPresent(sent::add);
            last = plan.sendNow().orElse(last);
        }
        return sent;
    }

    @Test
    void fiveOneAndZeroWorkingDaysBeforeThenEscalationsEveryFiveWorkingDays() {
        // Due Thu 2026-04-09; Good Friday and Easter Monday are shut.
        List<ReminderStep> sent = walk(d("2026-04-09"), null, london("2026-03-20T12:00"), london("2026-04-30T23:00"));
        assertEquals(List.of(
                new ReminderStep("before-5", london("2026-03-31T08:30")), // Good Friday and Easter Monday are not counted
                new ReminderStep("before-1", london("2026-04-08T08:30")),
                new ReminderStep("before-0", london("2026-04-09T08:30")),
                new ReminderStep("overdue-0", london("2026-04-10T08:30")),
                new ReminderStep("overdue-1", london("2026-04-17T08:30")),
                new ReminderStep("overdue-2", london("2026-04-24T08:30"))), sent);
    }

    @Test
    void aBackDatedObligationSendsOnlyTheMostRecentStep() {
        // Created on 2026-04-22 for a due date of 2026-04-09: only the latest escalation (overdue-1 on the 17th) goes now.
        ReminderLadder.Plan plan = ladder.at(london("2026-04-22T09:00"), d("2026-04-09"), null, null);
        assertEquals("overdue-1", plan.sendNow().orElseThrow().key());
        assertEquals(new ReminderStep("overdue-2", london("2026-04-24T08:30")), plan.next().orElseThrow());
    }

    @Test
    void anObligationDueInThreeWorkingDaysGetsTheFiveDayReminderNowThenTheOneDay() {
        ReminderLadder.Plan plan = ladder.at(london("2026-03-02T10:00"), d("2026-03-05"), null, null);
        assertEquals("before-5", plan.sendNow().orElseThrow().key());
        assertEquals("before-1", plan.next().orElseThrow().key());
    }

    @Test
    void afterAnOutageOneReminderGoesNotABurst() {
        ReminderStep last = new ReminderStep("before-5", london("2026-04-01T08:30"));
        ReminderLadder.Plan plan = ladder.at(london("2026-04-14T12:00"), d("2026-04-09"), null, last);
        assertEquals("overdue-0", plan.sendNow().orElseThrow().key());
        assertEquals("overdue-1", plan.next().orElseThrow().key());
    }

    @Test
    void goodPracticeVisitReminderComesFirst() {
        List<ReminderStep> sent = walk(d("2026-02-16"), d("2026-02-02"), london("2026-01-05T12:00"), london("2026-02-16T12:00"));
        assertEquals("good-practice", sent.get(0).key());
        assertEquals(london("2026-02-02T08:30"), sent.get(0).at());
        assertTrue(sent.stream().map(ReminderStep::key).toList().containsAll(List.of("before-5", "before-1", "before-0")));
    }

    @Test
    void noDueDateNoLadder() {
        ReminderLadder.Plan plan = ladder.at(london("2026-04-22T09:00"), null, null, null);
        assertTrue(plan.sendNow().isEmpty() && plan.next().isEmpty());
    }
}
