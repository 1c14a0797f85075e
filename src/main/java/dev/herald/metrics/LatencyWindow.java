package dev.herald.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Delivery latencies since the last look, for the dashboard's p50 and p99: counts in
 * logarithmic buckets (four per doubling, from 1 µs to about 70 s), so recording is one
 * increment, whatever the rate, and a percentile is within 19% of the true value. Each
 * {@link #take} starts a new window; a latency recorded while one is being taken may fall
 * in either.
 */
final class LatencyWindow {
    private static final int PER_DOUBLING = 4;
    private static final int BUCKETS = 26 * PER_DOUBLING;

    private volatile AtomicLongArray current = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        current.incrementAndGet(bucket(nanos));
    }

    static int bucket(long nanos) {
        double micros = Math.max(1, nanos / 1000.0);
        int b = (int) Math.floor(Math.log(micros) / Math.log(2) * PER_DOUBLING);
        return Math.min(BUCKETS - 1, Math.max(0, b));
    }

    /** The bucket's geometric middle, in milliseconds. */
    static double millis(int bucket) {
        return Math.pow(2, (bucket + 0.5) / PER_DOUBLING) / 1000.0;
    }

    Delivery take() {
        AtomicLongArray window = current;
        current = new AtomicLongArray(BUCKETS);
        long[] counts = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = window.get(i);
            total += counts[i];
        }
        if (total == 0) return Delivery.NONE;
        return new Delivery(total, round(percentile(counts, total, 0.50)), round(percentile(counts, total, 0.99)));
    }

    private static double percentile(long[] counts, long total, double q) {
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) return millis(i);
        }
        return millis(counts.length - 1);
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
