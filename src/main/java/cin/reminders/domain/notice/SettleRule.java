package cin.reminders.domain.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Catching up without false alarms. When a case-management system sends a backlog (after an outage, or when a
 * council goes live), its events arrive one request or one poll at a time, and an obligation can be created
 * already past a rung of its ladder (overdue, say) one event before the event that completes it. Such a rung is
 * "born past"; it waits:
 * <ul>
 *   <li>until the case has had no event for the settle period ({@code lastEvent + settle});</li>
 *   <li>while the service is catching up (the Kafka consumer's lag is above its threshold), in short steps;</li>
 *   <li>but never beyond {@code bornPast + settle + maxCatchUp}: nothing really overdue waits longer than the
 *       settle period plus the catch-up.</li>
 * </ul>
 * An ordinary rung (not born past), or a council with no settle period, fires when due, as before. Plain Java: the
 * firer applies it to each claimed rung with the case's last event time read in the same claim.
 *
 * @param settle the council's settle period (zero: no wait)
 * @param maxCatchUp the longest a rung born past waits for a catch-up on top of the settle period
 * @param recheck how often a waiting rung is looked at again while the service is catching up
 */
public record SettleRule(Duration settle, Duration maxCatchUp, Duration recheck) {

    /**
     * @param now when the rung was claimed
     * @param bornPast when its obligation was created already past it, or null (an ordinary rung)
     * @param lastEvent when the case last had an event applied, or null (unknown: its birth counts)
     * @param catchingUp whether the service is catching up a backlog now
     * @return empty: the rung fires now; else the instant it waits until (then it is looked at again)
     */
    public Optional<Instant> waitUntil(Instant now, Instant bornPast, Instant lastEvent, boolean catchingUp) {
        if (bornPast == null || settle.isZero() || settle.isNegative()) {
            return Optional.empty();
        }
        Instant latest = bornPast.plus(settle).plus(maxCatchUp);
        if (!now.isBefore(latest)) {
            return Optional.empty();
        }
        Instant last = lastEvent == null || lastEvent.isBefore(bornPast) ? bornPast : lastEvent;
        Instant settled = last.plus(settle);
        if (now.isBefore(settled)) {
            return Optional.of(earlier(settled, latest));
        }
        if (catchingUp) {
            Duration step = recheck.compareTo(settle) < 0 ? recheck : settle;
            return Optional.of(earlier(now.plus(step), latest));
        }
        return Optional.empty();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
