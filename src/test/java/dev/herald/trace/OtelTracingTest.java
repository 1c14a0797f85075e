package dev.herald.trace;

import dev.herald.hub.Event;
import dev.herald.hub.EventId;
import dev.herald.hub.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The hub's spans in OpenTelemetry's own SDK (the version Liberty runs), kept in memory: the
 * traceparent handed through the broker, the fan-out under it, a write under the fan-out and
 * linked to the other traced events it carried.
 */
class OtelTracingTest {
    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    ended.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }))
            .build();
    private final OtelTracing tracing = new OtelTracing(provider.get(OtelTraces.SCOPE));

    @AfterEach
    void close() {
        provider.close();
    }

    private static Event event(String type, long seq) {
        return new Event(new EventId("e1", 1_000, seq), "custom/t", type, 1_000, "{}", null);
    }

    @Test
    void theCurrentSampledSpanIsHandedOnAsItsTraceparent() {
        Span publish = provider.get("test").spanBuilder("POST /api/publish").startSpan();
        try (Scope ignored = publish.makeCurrent()) {
            assertEquals("00-" + publish.getSpanContext().getTraceId() + "-" + publish.getSpanContext().getSpanId() + "-01",
                    tracing.traceparent());
        } finally {
            publish.end();
        }
        assertNull(tracing.traceparent(), "no span current: nothing to trace");
    }

    @Test
    void anUnsampledSpanIsNotHandedOn() {
        var unsampled = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build();
        Span publish = unsampled.get("test").spanBuilder("POST /api/publish").startSpan();
        try (Scope ignored = publish.makeCurrent()) {
            assertNull(tracing.traceparent());
        } finally {
            publish.end();
            unsampled.close();
        }
    }

    @Test
    void aFanOutIsAChildOfTheTraceparentAndAWriteOfTheFanOutLinkedToTheOthers() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        Tracing.Span first = tracing.fanOut(traceparent, event("one", 0));
        Tracing.Span second = tracing.fanOut(traceparent, event("two", 1));
        Tracing.Span write = tracing.write(first, List.of(second), "servlet", 7);
        write.end(2, false);
        first.end(3, false);
        second.end(3, false);

        SpanData w = named("herald write", 0);
        SpanData f1 = named("herald fan-out", 0);
        SpanData f2 = named("herald fan-out", 1);
        assertEquals(traceId, f1.getTraceId());
        assertEquals("00f067aa0ba902b7", f1.getParentSpanId(), "the publish's span is the fan-out's parent");
        assertEquals("custom/t", f1.getAttributes().get(AttributeKey.stringKey("herald.topic")));
        assertEquals("e1:1000-0", f1.getAttributes().get(AttributeKey.stringKey("herald.event.id")));
        assertEquals(3L, f1.getAttributes().get(OtelTracing.STREAMS));
        assertEquals(f1.getSpanId(), w.getParentSpanId(), "the write's parent is the first traced event's fan-out");
        assertEquals(List.of(f2.getSpanId()), w.getLinks().stream().map(l -> l.getSpanContext().getSpanId()).toList(),
                "linked to the other's");
        assertEquals(2L, w.getAttributes().get(OtelTracing.FRAMES));
        assertEquals("servlet", w.getAttributes().get(AttributeKey.stringKey("herald.transport")));
        assertEquals(7L, w.getAttributes().get(AttributeKey.longKey("herald.stream.id")));
        assertEquals(StatusCode.UNSET, w.getStatus().getStatusCode());
    }

    @Test
    void aFailedWriteIsAnError() {
        Tracing.Span fanOut = tracing.fanOut("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", event("one", 0));
        tracing.write(fanOut, List.of(), "jaxrs", 1).end(1, true);
        assertEquals(StatusCode.ERROR, named("herald write", 0).getStatus().getStatusCode());
    }

    @Test
    void aMalformedTraceparentMakesNoSpan() {
        assertNull(tracing.fanOut("00-not-a-trace-01", event("one", 0)));
        assertNull(tracing.fanOut("00-00000000000000000000000000000000-00f067aa0ba902b7-01", event("one", 0)), "an all-zero trace id is invalid");
        assertNotNull(tracing.fanOut("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", event("one", 0)));
        assertEquals(Context.root(), Context.current(), "nothing left current");
    }

    private SpanData named(String name, int index) {
        return ended.stream().filter(s -> s.getName().equals(name)).toList().get(index);
    }
}
