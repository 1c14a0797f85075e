package dev.herald.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Optional;

/**
 * The hub's tracing over the OpenTelemetry that Liberty's MicroProfile Telemetry gives the
 * application, when that one records.
 */
final class OtelTraces {
    /** The instrumentation scope of every span Herald makes. */
    static final String SCOPE = "dev.herald";

    private OtelTraces() {
    }

    /**
     * With the SDK disabled Liberty hands out a no-op whose spans are invalid: then nothing.
     * The probe span is never ended, so never exported.
     */
    static Optional<OtelTracing> find() {
        Instance<OpenTelemetry> found = CDI.current().select(OpenTelemetry.class);
        if (!found.isResolvable()) return Optional.empty();
        Tracer tracer = found.get().getTracer(SCOPE);
        Span probe = tracer.spanBuilder("herald probe").setParent(Context.root()).startSpan();
        if (!probe.getSpanContext().isValid()) return Optional.empty();
        return Optional.of(new OtelTracing(tracer));
    }
}
