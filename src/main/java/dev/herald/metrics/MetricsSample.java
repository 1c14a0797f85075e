package dev.herald.metrics;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One reading of the server, taken once per interval: the data of a
 * {@code metrics_update} and one point of the history. Fractions are 0 to 1,
 * {@code avgResponseTime} is milliseconds; {@code anonymousConnections} is ours,
 * beside the contract's six.
 */
public record MetricsSample(long timestamp, int activeUsers, int anonymousConnections, long requestsPerMinute,
                            double errorRate, double avgResponseTime, double systemLoad, double memoryUsage) {

    public static MetricsSample of(long timestamp, Audience audience, RequestStats requests, double systemLoad, double memoryUsage) {
        return new MetricsSample(timestamp, audience.users(), audience.anonymousConnections(), requests.requestsPerMinute(),
                round(requests.errorRate(), 4), round(requests.avgResponseMillis(), 1), round(systemLoad, 4), round(memoryUsage, 4));
    }

    public double value(Metric metric) {
        return switch (metric) {
            case ACTIVE_USERS -> activeUsers;
            case REQUESTS_PER_MINUTE -> requestsPerMinute;
            case ERROR_RATE -> errorRate;
            case AVG_RESPONSE_TIME -> avgResponseTime;
            case SYSTEM_LOAD -> systemLoad;
            case MEMORY_USAGE -> memoryUsage;
        };
    }

    /** The event data: the six figures and the anonymous connections, no timestamp (the envelope has it). */
    public JsonObject data() {
        return Json.createObjectBuilder()
                .add(Metric.ACTIVE_USERS.key(), activeUsers)
                .add(Metric.REQUESTS_PER_MINUTE.key(), requestsPerMinute)
                .add(Metric.ERROR_RATE.key(), errorRate)
                .add(Metric.AVG_RESPONSE_TIME.key(), avgResponseTime)
                .add(Metric.SYSTEM_LOAD.key(), systemLoad)
                .add(Metric.MEMORY_USAGE.key(), memoryUsage)
                .add("anonymousConnections", anonymousConnections)
                .build();
    }

    /** For REST and history, where there is no envelope: the data plus {@code timestamp}. */
    public JsonObject withTimestamp() {
        return Json.createObjectBuilder(data()).add("timestamp", timestamp).build();
    }

    private static double round(double v, int places) {
        double scale = Math.pow(10, places);
        return Math.round(v * scale) / scale;
    }
}
