package dev.herald.metrics;

import jakarta.json.JsonObject;

import static dev.herald.http.Jsonp.JSON;

/**
 * One node's own reading, as the cluster's node list shows it and as the node
 * leaves it in Redis for the others.
 *
 * @param lastSeen epoch milliseconds of the reading
 */
public record NodeSample(String id, long lastSeen, double systemLoad, double memoryUsage, int activeUsers,
                         int anonymousConnections, long requestsPerMinute, double errorRate, double avgResponseTime,
                         Delivery delivery) {

    public NodeSample {
        if (delivery == null) delivery = Delivery.NONE;
    }

    public NodeSample(String id, long lastSeen, double systemLoad, double memoryUsage, int activeUsers,
                      int anonymousConnections, long requestsPerMinute, double errorRate, double avgResponseTime) {
        this(id, lastSeen, systemLoad, memoryUsage, activeUsers, anonymousConnections, requestsPerMinute, errorRate,
                avgResponseTime, Delivery.NONE);
    }

    static NodeSample of(String id, MetricsSample local) {
        return new NodeSample(id, local.timestamp(), local.systemLoad(), local.memoryUsage(), local.activeUsers(),
                local.anonymousConnections(), local.requestsPerMinute(), local.errorRate(), local.avgResponseTime(),
                local.delivery());
    }

    /** The contract's node entry: what the dashboard's node list shows. */
    public JsonObject json() {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("lastSeen", lastSeen)
                .add("systemLoad", systemLoad)
                .add("memoryUsage", memoryUsage)
                .add("activeUsers", activeUsers)
                .add("requestsPerMinute", requestsPerMinute)
                .add("deliveryLatencyP50", delivery.p50Millis())
                .add("deliveryLatencyP99", delivery.p99Millis())
                .build();
    }
}
