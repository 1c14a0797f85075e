package dev.herald.alerts;

import dev.herald.metrics.Metric;

import java.time.Duration;

/**
 * Fire when {@code metric} stays above {@code threshold} for {@code hold}; resolve
 * when it stays at or below {@code clearAt} (the threshold less the hysteresis) for
 * {@code hold}. Between the two lines nothing changes, so a value hovering at the
 * threshold cannot fire a storm.
 */
public record AlertRule(Metric metric, double threshold, double clearAt, String severity, Duration hold) {

    public AlertRule {
        if (clearAt > threshold) throw new IllegalArgumentException(metric.key() + ": the clear line is above the threshold");
        if (hold.isNegative()) throw new IllegalArgumentException(metric.key() + ": negative hold time");
    }

    public boolean breached(double value) {
        return value > threshold;
    }

    public boolean cleared(double value) {
        return value <= clearAt;
    }
}
