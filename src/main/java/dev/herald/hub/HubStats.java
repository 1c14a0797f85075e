package dev.herald.hub;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hub's counters, read by the dashboard, and passed on as they change to one
 * {@link HubObserver} (the Prometheus counters).
 */
public final class HubStats {
    private final LongAdder published = new LongAdder();
    private final LongAdder read = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final Map<DisconnectReason, LongAdder> disconnects = new EnumMap<>(DisconnectReason.class);
    private volatile HubObserver observer = HubObserver.NONE;

    HubStats() {
        for (DisconnectReason r : DisconnectReason.values()) disconnects.put(r, new LongAdder());
    }

    /** Replaces the observer; it is told only of what happens from now on (read the totals here for what came before). */
    public void observe(HubObserver observer) {
        this.observer = Objects.requireNonNull(observer);
    }

    void countPublished(int count) {
        published.add(count);
        observer.published(count);
    }

    /** An event the broker handed to this node (of a topic it follows, or any with the memory broker). */
    void countRead() {
        read.increment();
        observer.read();
    }

    void countDelivered(String transport, long latencyNanos) {
        delivered.increment();
        observer.delivered(transport, latencyNanos);
    }

    void countReplayed(int count) {
        replayed.add(count);
        observer.replayed(count);
    }

    void countReset() {
        resets.increment();
        observer.reset();
    }

    void countOpened() {
        opened.increment();
        observer.opened();
    }

    void disconnected(DisconnectReason reason) {
        disconnects.get(reason).increment();
        observer.disconnected(reason);
    }

    public long published() {
        return published.sum();
    }

    public long read() {
        return read.sum();
    }

    public long delivered() {
        return delivered.sum();
    }

    public long replayed() {
        return replayed.sum();
    }

    public long resets() {
        return resets.sum();
    }

    public long opened() {
        return opened.sum();
    }

    public long disconnects(DisconnectReason reason) {
        return disconnects.get(reason).sum();
    }
}
