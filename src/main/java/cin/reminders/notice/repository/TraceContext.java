package cin.reminders.notice.repository;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * Carries a trace across the queue: the W3C {@code traceparent} of the ingest that planned a notice
 * is stored with it, and the dispatch span links back to it, so one trace view shows
 * ingest → schedule → dispatch although they happen minutes (or days) apart.
 */
public final class TraceContext {

    private TraceContext() {
    }

    /** The current span's traceparent, or null when there is no (sampled) trace. */
    public static String current() {
        SpanContext c = Span.current().getSpanContext();
        return c.isValid() ? "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex() : null;
    }

    /** The span context a stored traceparent names, or an invalid one. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        String[] parts = traceparent.split("-");
        if (parts.length != 4) {
            return SpanContext.getInvalid();
        }
        return SpanContext.createFromRemoteParent(parts[1], parts[2], TraceFlags.fromHex(parts[3], 0), TraceState.getDefault());
    }
}
