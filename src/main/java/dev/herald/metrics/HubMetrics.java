package dev.herald.metrics;

import dev.herald.boot.HeraldConfig;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.hub.HubStats;
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

/** Exposes the hub's figures at {@code /metrics} (Prometheus text) through MicroProfile Metrics. */
@ApplicationScoped
public class HubMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private static Metadata meta(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    void register(@Observes @Initialized(ApplicationScoped.class) Object start, EventHub hub, ClientWatch watch, HeraldConfig config) {
        HubStats s = hub.stats();
        registry.gauge(meta("herald_connections_open", "streams open on this node"), hub, EventHub::connectionCount);
        registry.gauge(meta("herald_connections_opened_total", "streams opened since start"), s, HubStats::opened);
        registry.gauge(meta("herald_events_published_total", "events accepted by this node"), s, HubStats::published);
        registry.gauge(meta("herald_events_delivered_total", "live events written to streams"), s, HubStats::delivered);
        registry.gauge(meta("herald_events_replayed_total", "retained events replayed to resuming streams"), s, HubStats::replayed);
        registry.gauge(meta("herald_resets_total", "resumes that could not be served and got event: reset"), s, HubStats::resets);
        var disconnects = meta("herald_disconnects_total", "streams ended, by reason (slow_consumer: its queue overflowed)");
        for (DisconnectReason r : DisconnectReason.values()) {
            registry.gauge(disconnects, s, st -> st.disconnects(r), new Tag("reason", r.wireName()));
        }
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
}
