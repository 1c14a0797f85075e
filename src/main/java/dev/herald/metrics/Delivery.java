package dev.herald.metrics;

/**
 * How long deliveries took over one sample's interval, from the hub accepting an event to its
 * write to a stream returning: the median and the 99th percentile in milliseconds, over
 * {@code count} writes (all zero when there were none).
 */
public record Delivery(long count, double p50Millis, double p99Millis) {
    public static final Delivery NONE = new Delivery(0, 0, 0);

    /** The cluster's figure: the slowest node's, as for load and memory; counts add up. */
    static Delivery worst(Iterable<Delivery> nodes) {
        long count = 0;
        double p50 = 0;
        double p99 = 0;
        for (Delivery d : nodes) {
            count += d.count();
            p50 = Math.max(p50, d.p50Millis());
            p99 = Math.max(p99, d.p99Millis());
        }
        return new Delivery(count, p50, p99);
    }
}
