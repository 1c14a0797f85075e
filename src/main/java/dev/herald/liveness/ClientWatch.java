package dev.herald.liveness;

import dev.herald.boot.HeraldConfig;
import dev.herald.boot.ManagedThreads;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.Subscription;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * <p>Its own timer thread, from the server's {@link ManagedThreadFactory}, not a task on the
 * managed scheduler: the watch must keep time while the request pool is busy.
 */
@ApplicationScoped
public class ClientWatch {
    private static final Logger LOG = Logger.getLogger(ClientWatch.class.getName());
    /** The least time between two looks asked for at a limit. */
    private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @Inject
    HeraldConfig config;
    @Resource(lookup = ManagedThreads.FACTORY)
    ManagedThreadFactory threads;

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final Object scanning = new Object();
    private ScheduledExecutorService timer;
    private LivenessMode mode = LivenessMode.AUTO;
    private long intervalNanos;
    /** Guarded by {@link #scanning}. */
    private long lastScanNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean kernelTable;
    private volatile long lastScanTookNanos;
    /** Where a look reads the connections: the kernel, or a test's tables. */
    private Function<Collection<Endpoint>, Optional<TcpTable>> tables = TcpTable.reader();

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        start(LivenessMode.parse(config.string("herald.liveness.mode")),
                config.duration("herald.liveness.interval"));
    }

    void start(LivenessMode mode, Duration interval) {
        this.mode = mode;
        this.intervalNanos = interval.toNanos();
        this.kernelTable = mode == LivenessMode.AUTO && TcpTable.available();
        if (mode == LivenessMode.OFF) return;
        timer = Executors.newSingleThreadScheduledExecutor(ManagedThreads.named(threads, "herald-client-watch"));
        long millis = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::scanQuietly, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Closed streams are noticed every " + interval.toMillis() + " ms "
                + (kernelTable ? "from the kernel's connection table, HTTP/2 streams by probes" : "by probes"));
    }

    /** For tests: looks read these tables instead of the kernel's. */
    void readFrom(Function<Collection<Endpoint>, Optional<TcpTable>> tables) {
        this.tables = tables;
        this.kernelTable = true;
    }

    /**
     * Starts watching a connection before its stream opens, so that a client which leaves
     * the moment it has the stream's first bytes is seen too; {@link Watch#attach} names
     * the stream once it exists.
     */
    public Watch watch(Endpoint endpoint) {
        var w = new Watch(endpoint);
        if (mode != LivenessMode.OFF) watched.add(w);
        return w;
    }

    /** How long the latest look took, the table's read included: what the watch costs a node. */
    public double lastScanSeconds() {
        return lastScanTookNanos / 1e9;
    }

    /**
     * Looks now, for a caller about to refuse a stream at a limit: streams of clients
     * that left release their share before it returns. The look starts after the call
     * did, so a client that left just before is seen; callers waiting together share
     * one look, and looks are at least {@link #MIN_GAP_NANOS} apart, so a full node
     * under a storm reads the table ten times a second, not once per refusal.
     */
    public void checkNow() {
        if (mode == LivenessMode.OFF) return;
        long asked = System.nanoTime();
        synchronized (scanning) {
            if (lastScanNanos - asked >= 0) return; // someone looked after we asked
            long wait = lastScanNanos + MIN_GAP_NANOS - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            scan(false);
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
        Optional<TcpTable> table = kernelTable ? tables.apply(endpoints(watched)) : Optional.empty();
        var gone = new ArrayList<Watch>();
        for (Watch w : watched) {
            if (w.ended()) {
                watched.remove(w);
                continue;
            }
            switch (judge(w, table)) {
                case GONE -> gone.add(w);
                case PROBE -> {
                    Subscription sub = w.subscription;
                    // Half an interval: a stream probed at the last look is due again at this one.
                    if (probe && sub != null) sub.probeIfQuiet(now, intervalNanos / 2);
                }
                case ALIVE -> {
                }
            }
        }
        if (!gone.isEmpty() && table.isPresent()) {
            // The kernel's list is no snapshot: a connection can be skipped while others come
            // and go (a reconnect storm). Ending a live stream is worse than a moment's delay,
            // so what looked gone is looked up once more, and only what still looks gone ends.
            Optional<TcpTable> again = tables.apply(endpoints(gone));
            gone.removeIf(w -> judge(w, again) != ClientCheck.Verdict.GONE);
        }
        for (Watch w : gone) {
            watched.remove(w);
            w.gone();
        }
        lastScanTookNanos = System.nanoTime() - now;
    }

    private static ClientCheck.Verdict judge(Watch w, Optional<TcpTable> table) {
        TcpTable.Status status = table.map(t -> t.status(w.endpoint)).orElse(null);
        if (status == TcpTable.Status.OPEN) w.seenOpen = true;
        return ClientCheck.judge(w.endpoint, status, w.seenOpen);
    }

    private static List<Endpoint> endpoints(Collection<Watch> watches) {
        var all = new ArrayList<Endpoint>(watches.size());
        for (Watch w : watches) all.add(w.endpoint);
        return all;
    }

    @PreDestroy
    void stop() {
        if (timer != null) timer.shutdownNow();
    }

    /** One connection under watch, and the stream on it once there is one. */
    public static final class Watch {
        private final Endpoint endpoint;
        private volatile Subscription subscription;
        private volatile boolean gone;
        /** Set on a failed open: nothing will ever be attached. */
        private volatile boolean cancelled;
        /** Written and read by the scanning thread only. */
        private boolean seenOpen;

        private Watch(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        /** Names the stream on this connection; ends it at once if its client has left already. */
        public void attach(Subscription sub) {
            subscription = sub;
            if (gone) sub.close(DisconnectReason.CLIENT_GONE);
        }

        /** The stream never opened. */
        public void cancel() {
            cancelled = true;
        }

        private void gone() {
            // With attach(): each writes its field before reading the other's, so one of them closes it.
            gone = true;
            Subscription sub = subscription;
            if (sub != null) sub.close(DisconnectReason.CLIENT_GONE);
        }

        private boolean ended() {
            Subscription sub = subscription;
            return cancelled || (sub != null && !sub.isOpen());
        }
    }
}
