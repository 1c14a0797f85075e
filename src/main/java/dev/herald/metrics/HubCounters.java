package dev.herald.metrics;

import dev.herald.hub.DisconnectReason;
import dev.herald.hub.HubObserver;
import dev.herald.hub.HubStats;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The hub's counts as Prometheus counters (a {@code rate()} needs a counter, not a gauge
 * that happens to grow) and each delivery's latency as a histogram per transport,
 * counted up as the hub reports them. {@code latencies} also gets every latency, for
 * the dashboard's percentiles.
 */
final class HubCounters implements HubObserver {
    static final String LATENCY = "herald_delivery_latency";

    private final MetricRegistry registry;
    private final LongConsumer latencies;
    private final Counter published;
    private final Counter read;
    private final Counter delivered;
    private final Counter replayed;
    private final Counter resets;
    private final Counter opened;
    private final Map<DisconnectReason, Counter> disconnects = new EnumMap<>(DisconnectReason.class);
    private final Map<String, Timer> byTransport = new ConcurrentHashMap<>();

    /** Registers the counters, starting from what {@code stats} counted before (the hub may have run a moment already). */
    HubCounters(MetricRegistry registry, HubStats stats, LongConsumer latencies) {
        this.registry = registry;
        this.latencies = latencies;
        published = counter("herald_events_published_total", "events accepted by this node", stats.published());
        read = counter("herald_broker_events_read_total",
                "events this node read from the broker: those of the topics its streams hold (all of them with the memory broker)", stats.read());
        delivered = counter("herald_events_delivered_total", "events written to streams, live or replayed", stats.delivered());
        replayed = counter("herald_events_replayed_total", "retained events replayed to resuming streams", stats.replayed());
        resets = counter("herald_resets_total", "resumes that could not be served and got event: reset", stats.resets());
        opened = counter("herald_connections_opened_total", "streams opened since start", stats.opened());
        var ends = meta("herald_disconnects_total", "streams ended, by reason (slow_consumer: its queue overflowed)");
        for (DisconnectReason r : DisconnectReason.values()) {
            Counter c = registry.counter(ends, new Tag("reason", r.wireName()));
            c.inc(stats.disconnects(r));
            disconnects.put(r, c);
        }
    }

    private Counter counter(String name, String description, long start) {
        Counter c = registry.counter(meta(name, description));
        c.inc(start);
        return c;
    }

    private static Metadata meta(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    /** The transport's histogram, made on its first delivery (so only transports in use are listed). */
    private Timer timer(String transport) {
        return byTransport.computeIfAbsent(transport, t -> registry.timer(
                Metadata.builder().withName(LATENCY).withUnit(MetricUnits.SECONDS)
                        .withDescription("from the hub accepting an event to its write to a stream returning, by transport").build(),
                new Tag("transport", t.toLowerCase(Locale.ROOT))));
    }

    @Override
    public void published(int count) {
        published.inc(count);
    }

    @Override
    public void read() {
        read.inc();
    }

    @Override
    public void delivered(String transport, long latencyNanos) {
        delivered.inc();
        if (latencyNanos < 0) return;
        timer(transport).update(Duration.ofNanos(latencyNanos));
        latencies.accept(latencyNanos);
    }

    @Override
    public void replayed(int count) {
        replayed.inc(count);
    }

    @Override
    public void reset() {
        resets.inc();
    }

    @Override
    public void opened() {
        opened.inc();
    }

    @Override
    public void disconnected(DisconnectReason reason) {
        disconnects.get(reason).inc();
    }
}
