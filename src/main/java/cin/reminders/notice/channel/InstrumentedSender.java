package cin.reminders.notice.channel;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.notice.repository.TraceContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/**
 * A channel with its meter and its span around every send, so the dispatch pipeline holds neither: the
 * send is timed by channel and provider ({@code cin.notices.send}), and is its own span, linked to the
 * ingest that planned the notice (ingest → schedule → dispatch). A send the provider refused for its rate (Notify's
 * 429) is counted ({@code cin.notices.rate_limited}, by channel and provider; registered at 0, so the first 429 shows
 * as an increase). Look-ups pass straight through.
 */
final class InstrumentedSender implements MessageSender {

    private final MessageSender channel;
    private final Tracer tracer;
    private final MeterRegistry metrics;
    private final Timer timer;
    private final Counter rateLimited;

    InstrumentedSender(MessageSender channel, String channelName, MeterRegistry metrics, Tracer tracer) {
        this.channel = channel;
        this.tracer = tracer;
        this.metrics = metrics;
        // Looked up once, not on every send (a registry lookup per notice showed in profiles).
        this.timer = metrics.timer("cin.notices.send", "channel", channelName, "provider", channel.provider());
        this.rateLimited = Counter.builder("cin.notices.rate_limited")
                .description("Sends the provider refused for its rate limit (HTTP 429), retried later")
                .tags("channel", channelName, "provider", channel.provider()).register(metrics);
    }

    @Override
    public String provider() {
        return channel.provider();
    }

    @Override
    public Uni<SendResult> send(Outbound message) {
        Timer.Sample sample = Timer.start(metrics);
        Span span = tracer.spanBuilder("notice send")
                .addLink(TraceContext.parse(message.traceparent()))
                .setAttribute("cin.notice.template", message.template().id())
                .setAttribute("cin.notice.channel", message.channel().name())
                .setAttribute("cin.case.id", message.caseId())
                .startSpan();
        return channel.send(message)
                .invoke(result -> {
                    sample.stop(timer);
                    if (result instanceof SendResult.RateLimited) {
                        rateLimited.increment();
                    }
                    span.setAttribute("cin.notice.result", result.getClass().getSimpleName());
                })
                .onTermination().invoke(span::end);
    }

    @Override
    public Uni<Optional<String>> acceptedAlready(UUID noticeId) {
        return channel.acceptedAlready(noticeId);
    }

    @Override
    public boolean canLookUp() {
        return channel.canLookUp();
    }

    @Override
    public boolean recordAtOnce() {
        return channel.recordAtOnce();
    }
}
