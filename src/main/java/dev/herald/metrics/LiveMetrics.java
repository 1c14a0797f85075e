package dev.herald.metrics;

import dev.herald.boot.HeraldConfig;
import dev.herald.boot.ManagedThreads;
import dev.herald.boot.Storage;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.hub.Subscription;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code metrics} topic: once per interval, reads the server, keeps the sample in the
 * history ring, publishes it as {@code metrics_update} and fires it as a CDI event, which the
 * alert rules observe (so metrics need not know alerts). Retention keeps only the newest
 * update ({@code metrics=latest}), and a new stream gets the current sample at once as an
 * id-less snapshot ({@link MetricsTopic}).
 */
@ApplicationScoped
public class LiveMetrics {
    public static final String TOPIC = "metrics";
    public static final String TYPE = "metrics_update";
    private static final Logger LOG = Logger.getLogger(LiveMetrics.class.getName());

    @Inject
    EventHub hub;
    @Inject
    HeraldConfig config;
    @Inject
    RequestMeter requests;
    @Inject
    HubMetrics hubMetrics;
    /** Each sample the cluster publishes, for whoever reacts to it (the alert rules). */
    @Inject
    Event<MetricsSample> published;
    @Inject
    Storage storage;
    /** A sample may wait a moment behind requests: the server's scheduler, not a thread of ours. */
    @Resource(lookup = ManagedThreads.SCHEDULER)
    ManagedScheduledExecutorService scheduler;

    private final ProcessGauges gauges = new ProcessGauges();
    private MetricsSettings settings;
    private String nodeId;
    private ClusterMetrics cluster;
    private MetricsHistory history;
    private volatile MetricsSample latest;
    private ScheduledFuture<?> ticks;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        settings = MetricsSettings.from(config);
        nodeId = config.nodeId();
        cluster = storage.choose(() -> ClusterMetrics.SINGLE, redis -> new RedisClusterMetrics(redis, nodeId, settings.interval()));
        history = new MetricsHistory(settings.capacity());
        latest = read();
        long every = settings.interval().toMillis();
        ticks = scheduler.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        // The server's scheduler is not ours to shut down; stopping the application cancels it too.
        if (ticks != null) ticks.cancel(false);
    }

    private void tick() {
        try {
            MetricsSample sample = read();
            latest = sample;
            history.add(sample);
            // Every node keeps the cluster's history; one publishes it and raises its alerts.
            if (cluster.leads()) {
                hub.publish(EventDraft.of(TOPIC, TYPE, sample.data().toString()));
                published.fire(sample);
            }
        } catch (RuntimeException e) {
            // One bad tick must not cancel the schedule (a thrown exception would).
            LOG.log(Level.WARNING, "metrics sample failed", e);
        }
    }

    private MetricsSample read() {
        Audience audience = Audience.of(hub.subscriptions().stream().map(Subscription::userId).toList());
        MetricsSample local = MetricsSample.of(System.currentTimeMillis(), audience, requests.stats(), gauges.cpuLoad(), gauges.heapUsage(),
                hubMetrics.latencies().take());
        return MetricsSample.of(local.timestamp(), cluster.report(NodeSample.of(nodeId, local)));
    }

    public MetricsSample latest() {
        return latest;
    }

    public MetricsHistory history() {
        return history;
    }

    public MetricsSettings settings() {
        return settings;
    }
}
