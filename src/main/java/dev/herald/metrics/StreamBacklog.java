package dev.herald.metrics;

import dev.herald.hub.EventHub;
import dev.herald.hub.StreamLag;

import java.util.List;

/**
 * The streams' backlogs summed for Prometheus. One series per stream would be one series per
 * connection, thousands of them coming and going; the node's totals and its worst stream go
 * there, and {@code GET /api/admin/streams} names the streams. Read once per scrape at most
 * every half second, however many gauges ask.
 */
final class StreamBacklog {
    private static final long FRESH_NANOS = 500_000_000L;

    /** @param queued every stream's queued events; deepest: the longest queue; oldestSeconds: the oldest queued event's age */
    record Figures(long queued, int deepest, double oldestSeconds) {
    }

    private final EventHub hub;
    private volatile Figures figures = new Figures(0, 0, 0);
    private volatile long readAt = System.nanoTime() - 2 * FRESH_NANOS;

    StreamBacklog(EventHub hub) {
        this.hub = hub;
    }

    Figures now() {
        long t = System.nanoTime();
        if (t - readAt < FRESH_NANOS) return figures;
        List<StreamLag> lags = hub.lags();
        long queued = 0;
        int deepest = 0;
        long oldest = 0;
        for (StreamLag l : lags) {
            queued += l.queued();
            deepest = Math.max(deepest, l.queued());
            oldest = Math.max(oldest, l.oldestNanos());
        }
        Figures f = new Figures(queued, deepest, oldest / 1e9);
        figures = f;
        readAt = t;
        return f;
    }
}
