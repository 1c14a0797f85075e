package dev.herald.bench;

import java.util.Arrays;

/**
 * Log-linear histogram of non-negative values (microseconds here): exact below 128, then
 * 64 sub-buckets per power of two, so every percentile is within 1.6%. Not thread-safe:
 * each I/O thread records into its own, and they are merged for the report.
 */
final class Histogram {
    private static final int SUB = 64;
    private final long[] counts = new long[128 + 58 * SUB];
    private long total;
    private long max;
    private long sum;

    void record(long value) {
        if (value < 0) value = 0;
        counts[index(value)]++;
        total++;
        sum += value;
        if (value > max) max = value;
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
        total += other.total;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    void reset() {
        Arrays.fill(counts, 0);
        total = 0;
        max = 0;
        sum = 0;
    }

    Histogram copy() {
        var h = new Histogram();
        h.add(this);
        return h;
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    double mean() {
        return total == 0 ? 0 : (double) sum / total;
    }

    /** The value at or below which {@code q} (0..1) of the recorded values lie; 0 when empty. */
    long percentile(double q) {
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(max, highest(i));
        }
        return max;
    }

    static int index(long v) {
        if (v < 128) return (int) v;
        int bits = 64 - Long.numberOfLeadingZeros(v);
        int shift = bits - 7;
        int i = 128 + (shift - 1) * SUB + (int) ((v >> shift) - SUB);
        return Math.min(i, 128 + 58 * SUB - 1);
    }

    /** The highest value that lands in bucket {@code i}. */
    static long highest(int i) {
        if (i < 128) return i;
        int shift = (i - 128) / SUB + 1;
        long sub = (i - 128) % SUB + SUB;
        return ((sub + 1) << shift) - 1;
    }
}
