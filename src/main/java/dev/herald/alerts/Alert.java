package dev.herald.alerts;

import dev.herald.metrics.Metric;

/**
 * One crossing of a threshold, as {@link AlertView} tells clients of it. The firing and the resolution of one
 * crossing share the {@code id}, so a client can pair them.
 *
 * @param value      the reading that fired it, or that resolved it
 * @param resolvedAt 0 while firing
 */
public record Alert(String id, Metric metric, double value, double threshold, String severity, State state,
                    long firedAt, long resolvedAt) {

    public enum State {
        FIRING, RESOLVED;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    public Alert resolved(double value, long at) {
        return new Alert(id, metric, value, threshold, severity, State.RESOLVED, firedAt, at);
    }

    /** A sentence for logs and system events: "Error rate 12.0 % is above 5.0 %". */
    public String describe() {
        return state == State.FIRING
                ? metric.label() + " " + metric.format(value) + " is above " + metric.format(threshold)
                : metric.label() + " is back to " + metric.format(value) + " (limit " + metric.format(threshold) + ")";
    }
}
