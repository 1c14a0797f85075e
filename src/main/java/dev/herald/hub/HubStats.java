package dev.herald.hub;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The hub's counters, exported through MicroProfile Metrics and read by the dashboard. */
public final class HubStats {
    final LongAdder published = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder resets = new LongAdder();
    final LongAdder opened = new LongAdder();
    private final Map<DisconnectReason, LongAdder> disconnects = new EnumMap<>(DisconnectReason.class);

    HubStats() {
        for (DisconnectReason r : DisconnectReason.values()) disconnects.put(r, new LongAdder());
    }

    void disconnected(DisconnectReason reason) {
        disconnects.get(reason).increment();
    }

    public long published() {
        return published.sum();
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
