package dev.herald.trace;

import dev.herald.hub.Event;
import dev.herald.hub.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub's spans in OpenTelemetry. Per traced event and node: one fan-out span, a child of the
 * publish's; per write to a stream that carries a traced event, one write span, a child of the
 * fan-out of the first traced event in it and linked to the others'. A failure here is logged
 * and the event goes on untraced: tracing never stops a delivery.
 */
final class OtelTracing implements Tracing {
    private static final Logger LOG = Logger.getLogger(OtelTracing.class.getName());
    static final AttributeKey<Long> STREAMS = AttributeKey.longKey("herald.streams");
    static final AttributeKey<Long> FRAMES = AttributeKey.longKey("herald.frames");

    /** One traceparent as the only header there is. */
    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of("traceparent");
        }

        @Override
        public String get(String traceparent, String key) {
            return "traceparent".equals(key) ? traceparent : null;
        }
    };

    private final Tracer tracer;

    OtelTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public String traceparent() {
        SpanContext current = io.opentelemetry.api.trace.Span.current().getSpanContext();
        if (!current.isSampled()) return null;
        return "00-" + current.getTraceId() + "-" + current.getSpanId() + "-" + current.getTraceFlags().asHex();
    }

    @Override
    public Tracing.Span fanOut(String traceparent, Event event) {
        try {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
            if (!io.opentelemetry.api.trace.Span.fromContext(parent).getSpanContext().isValid()) return null;
            io.opentelemetry.api.trace.Span span = tracer.spanBuilder("herald fan-out")
                    .setParent(parent)
                    .setAttribute("herald.topic", event.topic())
                    .setAttribute("herald.event.type", event.type())
                    .setAttribute("herald.event.id", String.valueOf(event.id()))
                    .startSpan();
            return new Ended(span, STREAMS);
        } catch (RuntimeException failed) {
            LOG.log(Level.FINE, "no fan-out span", failed);
            return null;
        }
    }

    @Override
    public Tracing.Span write(Tracing.Span parent, List<Tracing.Span> linked, String transport, long streamId) {
        if (!(parent instanceof Ended fanOut)) return null;
        try {
            SpanBuilder builder = tracer.spanBuilder("herald write")
                    .setParent(Context.root().with(fanOut.span))
                    .setAttribute("herald.transport", transport)
                    .setAttribute("herald.stream.id", streamId);
            for (Tracing.Span other : linked) {
                if (other instanceof Ended e) builder.addLink(e.span.getSpanContext());
            }
            return new Ended(builder.startSpan(), FRAMES);
        } catch (RuntimeException failed) {
            LOG.log(Level.FINE, "no write span", failed);
            return null;
        }
    }

    /** A span and what its count says when it ends. */
    private record Ended(io.opentelemetry.api.trace.Span span, AttributeKey<Long> counted) implements Tracing.Span {
        @Override
        public void end(int count, boolean failed) {
            span.setAttribute(counted, (long) count);
            if (failed) span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
            span.end();
        }
    }
}
