package dev.herald.metrics;

import dev.herald.boot.HeraldConfig;

import java.time.Duration;

/**
 * @param interval how often a sample is taken and published ({@code herald.metrics.interval})
 * @param history  how far back {@code /api/metrics/history} reaches ({@code herald.metrics.history})
 */
public record MetricsSettings(Duration interval, Duration history) {
    /** Ten days of one-second samples: past this the ring is a memory risk, not a history. */
    static final int MAX_SAMPLES = 864_000;

    public MetricsSettings {
        if (interval.toMillis() < 100) throw new IllegalArgumentException("herald.metrics.interval: at least 100ms");
        if (history.compareTo(interval) < 0) throw new IllegalArgumentException("herald.metrics.history: at least one interval");
        if (history.toMillis() / interval.toMillis() > MAX_SAMPLES) {
            throw new IllegalArgumentException("herald.metrics.history over herald.metrics.interval is more than " + MAX_SAMPLES + " samples");
        }
    }

    public static MetricsSettings from(HeraldConfig config) {
        return new MetricsSettings(config.duration("herald.metrics.interval"),
                config.duration("herald.metrics.history"));
    }

    /** Samples the ring keeps: the history length in intervals, rounded up. */
    public int capacity() {
        long i = interval.toMillis();
        return (int) ((history.toMillis() + i - 1) / i);
    }

    /** The most {@code ?minutes=} may ask for. */
    public int historyMinutes() {
        return (int) Math.max(1, (history.toSeconds() + 59) / 60);
    }
}
