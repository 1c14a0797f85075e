package dev.herald.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The six figures of the {@code metrics} topic: their wire names and how people read them. */
public enum Metric {
    ACTIVE_USERS("activeUsers", "Active users", Unit.COUNT),
    REQUESTS_PER_MINUTE("requestsPerMinute", "Requests per minute", Unit.COUNT),
    ERROR_RATE("errorRate", "Error rate", Unit.FRACTION),
    AVG_RESPONSE_TIME("avgResponseTime", "Average response time", Unit.MILLISECONDS),
    SYSTEM_LOAD("systemLoad", "System load", Unit.FRACTION),
    MEMORY_USAGE("memoryUsage", "Memory usage", Unit.FRACTION);

    enum Unit { COUNT, FRACTION, MILLISECONDS }

    private final String key;
    private final String label;
    private final Unit unit;

    Metric(String key, String label, Unit unit) {
        this.key = key;
        this.label = label;
        this.unit = unit;
    }

    /** The name on the wire and in configuration, e.g. {@code errorRate}. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    /** As the dashboard shows it: {@code 12}, {@code 4.5 %}, {@code 230.0 ms}. */
    public String format(double value) {
        return switch (unit) {
            case COUNT -> Long.toString(Math.round(value));
            case FRACTION -> String.format(Locale.ROOT, "%.1f %%", value * 100);
            case MILLISECONDS -> String.format(Locale.ROOT, "%.1f ms", value);
        };
    }
}
