package dev.herald.trace;

import dev.herald.hub.EventHub;
import dev.herald.hub.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import java.util.logging.Logger;

/**
 * Whether this node traces, decided once at start: when Liberty's MicroProfile Telemetry gives
 * the application a recording OpenTelemetry (the feature on, its API visible to the application,
 * {@code otel.sdk.disabled=false}), the hub gets its {@link OtelTracing}; otherwise the hub keeps
 * {@link Tracing#OFF} and pays a field read per publish and per write.
 *
 * <p>The publish's own span is Liberty's: it makes a server span for every HTTP request, a
 * servlet's as well as a JAX-RS resource's, a child of the request's {@code traceparent}, and
 * makes it current on the request thread, where the hub picks it up.
 */
@ApplicationScoped
public class Traces {
    private static final Logger LOG = Logger.getLogger(Traces.class.getName());

    void start(@Observes @Initialized(ApplicationScoped.class) Object start, EventHub hub) {
        Tracing tracing;
        try {
            tracing = OtelTraces.find().orElse(null);
        } catch (LinkageError notVisible) {
            // The server does not let the application see OpenTelemetry's API (no mpTelemetry
            // feature, or no third-party visibility, as in a server of the user's own).
            LOG.info(() -> "traces off: OpenTelemetry's API is not visible to Herald (" + notVisible + ")");
            return;
        }
        if (tracing == null) return;
        hub.trace(tracing);
        LOG.info("traces on: the fan-out and the writes of each sampled publish go to MicroProfile Telemetry's exporter");
    }
}
