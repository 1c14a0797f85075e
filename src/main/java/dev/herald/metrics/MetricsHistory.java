package dev.herald.metrics;

import java.util.ArrayList;
import java.util.List;

/** The last samples in a fixed ring: one per interval, the oldest overwritten, memory fixed. */
public final class MetricsHistory {
    private final MetricsSample[] ring;
    private int next;
    private int size;

    public MetricsHistory(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
        this.ring = new MetricsSample[capacity];
    }

    public synchronized void add(MetricsSample sample) {
        ring[next] = sample;
        next = (next + 1) % ring.length;
        if (size < ring.length) size++;
    }

    public int capacity() {
        return ring.length;
    }

    public synchronized int size() {
        return size;
    }

    /** Samples taken at or after {@code fromMillis}, oldest first. */
    public synchronized List<MetricsSample> since(long fromMillis) {
        var out = new ArrayList<MetricsSample>();
        int start = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            MetricsSample s = ring[(start + i) % ring.length];
            if (s.timestamp() >= fromMillis) out.add(s);
        }
        return out;
    }
}
