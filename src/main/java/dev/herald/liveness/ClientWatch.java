package dev.herald.liveness;

import dev.herald.boot.HeraldConfig;
import dev.herald.hub.DaemonThreads;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends streams whose client has left, within about one interval
 * ({@code herald.liveness.interval}, 1 s by default), so limits, presence and file
 * descriptors follow the clients that are really there. Liberty tells an application
 * nothing when an HTTP/1.1 client closes an idle stream, and the first write after the
 * client's FIN still succeeds, so without this a closed stream lingers until its
 * second heartbeat fails.
 *
 * <p>Each interval it reads the kernel's table of TCP connections once for all streams
 * (one read of {@code /proc/self/net/tcp*}, no write to any stream) and ends those whose
 * connection is closing or gone. Streams the table cannot speak for — HTTP/2, where a
 * client resets one stream of a connection that lives on, and every stream where
 * there is no such table — get a two-byte probe when they have been quiet for an
 * interval, which a departed client fails.
 *
 * <p>Raw thread: one daemon timer, like the hub's heartbeat, so the watch keeps
 * working while the container's managed pools are busy with requests.
 */
@ApplicationScoped
public class ClientWatch {
    private static final Logger LOG = Logger.getLogger(ClientWatch.class.getName());
    /** A check asked for at a limit reuses a scan this recent instead of reading the table again. */
    private static final long FRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @Inject
    EventHub hub;
    @Inject
    HeraldConfig config;

    private final Map<Subscription, Watched> watched = new ConcurrentHashMap<>();
    private final Object scanning = new Object();
    private ScheduledExecutorService timer;
    private LivenessMode mode = LivenessMode.AUTO;
    private long intervalNanos;
    /** Guarded by {@link #scanning}. */
    private long lastScanNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean kernelTable;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        start(LivenessMode.parse(config.string("herald.liveness.mode", "auto")),
                config.duration("herald.liveness.interval", Duration.ofSeconds(1)));
    }

    void start(LivenessMode mode, Duration interval) {
        this.mode = mode;
        this.intervalNanos = interval.toNanos();
        this.kernelTable = mode == LivenessMode.AUTO && TcpTable.available();
        hub.addListener(new SubscriptionListener() {
            @Override
            public void closed(Subscription s, DisconnectReason reason) {
                watched.remove(s);
            }
        });
        if (mode == LivenessMode.OFF) return;
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("herald-client-watch"));
        long millis = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::scanQuietly, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Closed streams are noticed every " + interval.toMillis() + " ms "
                + (kernelTable ? "from the kernel's connection table, HTTP/2 streams by probes" : "by probes"));
    }

    /** Watches an open stream until it closes. */
    public void watch(Subscription subscription, Endpoint endpoint) {
        if (mode == LivenessMode.OFF) return;
        watched.put(subscription, new Watched(endpoint));
        if (!subscription.isOpen()) watched.remove(subscription);
    }

    /** What the watch does, for the log and the metrics: {@code kernel}, {@code probe} or {@code off}. */
    public String method() {
        return mode == LivenessMode.OFF ? "off" : kernelTable ? "kernel" : "probe";
    }

    /**
     * Looks now, for a caller about to refuse a stream at a limit: streams of clients
     * that left release their share before it returns. Concurrent callers share one scan.
     */
    public void checkNow() {
        if (mode == LivenessMode.OFF) return;
        synchronized (scanning) {
            if (System.nanoTime() - lastScanNanos >= FRESH_NANOS) scan(false);
        }
    }

    private void scanQuietly() {
        try {
            synchronized (scanning) {
                scan(true);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "client watch failed; retrying next interval", e);
        }
    }

    /** Guarded by {@link #scanning}. */
    private void scan(boolean probe) {
        long now = System.nanoTime();
        lastScanNanos = now;
        Optional<TcpTable> table = kernelTable ? TcpTable.read(localPorts()) : Optional.empty();
        for (var entry : watched.entrySet()) {
            Subscription sub = entry.getKey();
            Watched w = entry.getValue();
            TcpTable.Status status = table.map(t -> t.status(w.endpoint())).orElse(null);
            if (status == TcpTable.Status.OPEN) w.seenOpen = true;
            switch (ClientCheck.judge(w.endpoint(), status, w.seenOpen)) {
                case GONE -> sub.close(DisconnectReason.CLIENT_GONE);
                case PROBE -> {
                    if (probe) sub.probeIfQuiet(now, intervalNanos);
                }
                case ALIVE -> {
                }
            }
        }
    }

    private Set<Integer> localPorts() {
        var ports = new HashSet<Integer>();
        for (Watched w : watched.values()) ports.add(w.endpoint().localPort());
        return ports;
    }

    @PreDestroy
    void stop() {
        if (timer != null) timer.shutdownNow();
    }

    private static final class Watched {
        private final Endpoint endpoint;
        /** Written and read by the scanning thread only. */
        private boolean seenOpen;

        Watched(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        Endpoint endpoint() {
            return endpoint;
        }
    }
}
