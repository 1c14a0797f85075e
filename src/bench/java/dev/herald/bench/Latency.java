package dev.herald.bench;

/** A latency summary in milliseconds. */
record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    static Latency of(Histogram h) {
        return new Latency(h.count(), ms(h.percentile(0.50)), ms(h.percentile(0.90)), ms(h.percentile(0.99)),
                ms(h.percentile(0.999)), ms(h.max()), h.mean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
