package dev.herald.metrics;

import dev.herald.boot.HeraldConfig;
import dev.herald.hub.EventHub;
import dev.herald.liveness.ClientWatch;
import dev.herald.liveness.OpenFiles;
import dev.herald.sse.StreamTransport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Exposes the hub's figures at {@code /metrics} (Prometheus text) through MicroProfile Metrics:
 * counters for what only grows, gauges for what goes up and down, and the delivery latency
 * histogram (docs/api.md §8 lists them).
 */
@ApplicationScoped
public class HubMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private final LatencyWindow latencies = new LatencyWindow();

    private static Metadata meta(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    void register(@Observes @Initialized(ApplicationScoped.class) Object start, EventHub hub, ClientWatch watch, HeraldConfig config) {
        hub.stats().observe(new HubCounters(registry, hub.stats(), latencies::record));
        registry.gauge(meta("herald_connections_open", "streams open on this node"), hub, EventHub::connectionCount);
        var backlog = new StreamBacklog(hub);
        registry.gauge(meta("herald_stream_queued_events", "events queued on this node's streams, not yet written"),
                backlog, b -> b.now().queued());
        registry.gauge(meta("herald_stream_queue_depth_max", "the longest queue of any stream on this node"),
                backlog, b -> b.now().deepest());
        registry.gauge(meta("herald_stream_oldest_queued_seconds", "age of the oldest event queued on any stream (0: none queued)"),
                backlog, b -> b.now().oldestSeconds());
        // Which transport writes /api/events (herald.stream.transport): 1 on its label.
        registry.gauge(meta("herald_stream_transport", "1 for the transport that writes GET /api/events"), this, m -> 1,
                new Tag("transport", StreamTransport.configured(config).name().toLowerCase(java.util.Locale.ROOT)));
        registry.gauge(meta("herald_client_watch_scan_seconds", "how long the latest look for streams whose client left took"),
                watch, ClientWatch::lastScanSeconds);
        // Streams hold sockets: how close the process is to failing to open anything.
        if (OpenFiles.open().isPresent()) {
            registry.gauge(meta("herald_open_files", "file descriptors this process holds"), this, m -> OpenFiles.open().orElse(0));
            registry.gauge(meta("herald_open_files_max", "the process's open-files limit"), this, m -> OpenFiles.max().orElse(0));
        }
    }

    /** Every delivery's latency since the last call, for the dashboard's percentiles. */
    LatencyWindow latencies() {
        return latencies;
    }
}
