package dev.herald.metrics;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Requests over a sliding one-minute window, in sixty one-second buckets so memory
 * stays fixed however heavy the traffic. The window at any moment is the current
 * second and the 59 before it: a request stops counting between 59 and 60 seconds
 * after it was served.
 */
public final class RequestWindow {
    public static final int SECONDS = 60;

    private final LongSupplier clockMillis;
    private final long[] second = new long[SECONDS];
    private final long[] count = new long[SECONDS];
    private final long[] errors = new long[SECONDS];
    private final long[] nanos = new long[SECONDS];

    public RequestWindow(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        Arrays.fill(second, Long.MIN_VALUE);
    }

    /** One request served now, that took {@code durationNanos}; {@code error} when the server failed it. */
    public synchronized void record(long durationNanos, boolean error) {
        long now = Math.floorDiv(clockMillis.getAsLong(), 1000);
        int slot = (int) Math.floorMod(now, SECONDS);
        if (second[slot] != now) {
            second[slot] = now;
            count[slot] = 0;
            errors[slot] = 0;
            nanos[slot] = 0;
        }
        count[slot]++;
        if (error) errors[slot]++;
        nanos[slot] += Math.max(0, durationNanos);
    }

    public synchronized RequestStats stats() {
        long now = Math.floorDiv(clockMillis.getAsLong(), 1000);
        long requests = 0, failed = 0, total = 0;
        for (int i = 0; i < SECONDS; i++) {
            // A slot from more than a minute ago is stale until a request reuses it.
            if (second[i] > now - SECONDS && second[i] <= now) {
                requests += count[i];
                failed += errors[i];
                total += nanos[i];
            }
        }
        return new RequestStats(requests, failed, total);
    }
}
