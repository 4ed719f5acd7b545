package cin.reminders.notice.service;

import cin.reminders.notice.repository.ClaimedNotice;
import cin.reminders.notice.repository.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the dispatch pipeline counts: each outcome by channel, status and template
 * ({@code cin.notices.dispatched}), the time from due to accepted ({@code cin.notices.dispatch.latency}),
 * and the notices held for a fault of ours ({@code cin.notices.internal.faults}: a template that does not
 * render, say; an alert, never a family's problem). The send itself is timed around the channel.
 */
@ApplicationScoped
public class DispatchMetrics {

    private final MeterRegistry metrics;
    // Meters looked up once per tag set, not on every notice (a registry lookup per notice showed in profiles).
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();

    public DispatchMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void outcome(Outcome o) {
        ClaimedNotice n = o.notice();
        String status = o.metricName();
        counters.computeIfAbsent(n.channel() + "|" + status + "|" + n.template().id(),
                k -> metrics.counter("cin.notices.dispatched", "channel", n.channel().name(), "status", status,
                        "template", n.template().id())).increment();
    }

    /** From when it was due to when the provider had it: what "on time" means for a notice. */
    void accepted(ClaimedNotice n, Instant at) {
        latency.computeIfAbsent(n.channel().name(), k -> metrics.timer("cin.notices.dispatch.latency", "channel", k))
                .record(Duration.between(n.scheduledFor(), at).abs());
    }

    void internalFault(ClaimedNotice n, Throwable fault) {
        counters.computeIfAbsent("fault|" + n.template().id() + "|" + fault.getClass().getSimpleName(),
                k -> metrics.counter("cin.notices.internal.faults", "template", n.template().id(),
                        "fault", fault.getClass().getSimpleName())).increment();
    }
}
