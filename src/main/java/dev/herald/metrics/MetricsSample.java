package dev.herald.metrics;

import jakarta.json.JsonObject;

import java.util.List;

import static dev.herald.http.Jsonp.JSON;

/**
 * One reading of the server, taken once per interval: the data of a
 * {@code metrics_update} and one point of the history. Fractions are 0 to 1,
 * {@code avgResponseTime} is milliseconds; {@code anonymousConnections} is ours,
 * beside the contract's six.
 */
public record MetricsSample(long timestamp, int activeUsers, int anonymousConnections, long requestsPerMinute,
                            double errorRate, double avgResponseTime, double systemLoad, double memoryUsage,
                            List<NodeSample> nodes, Delivery delivery) {

    public MetricsSample {
        nodes = List.copyOf(nodes);
        if (delivery == null) delivery = Delivery.NONE;
    }

    public MetricsSample(long timestamp, int activeUsers, int anonymousConnections, long requestsPerMinute,
                         double errorRate, double avgResponseTime, double systemLoad, double memoryUsage, List<NodeSample> nodes) {
        this(timestamp, activeUsers, anonymousConnections, requestsPerMinute, errorRate, avgResponseTime, systemLoad,
                memoryUsage, nodes, Delivery.NONE);
    }

    /** A reading of one node, without a node list. */
    public MetricsSample(long timestamp, int activeUsers, int anonymousConnections, long requestsPerMinute,
                         double errorRate, double avgResponseTime, double systemLoad, double memoryUsage) {
        this(timestamp, activeUsers, anonymousConnections, requestsPerMinute, errorRate, avgResponseTime, systemLoad,
                memoryUsage, List.of());
    }

    /**
     * The cluster's reading: users, connections and requests summed over the live nodes,
     * error rate and response time weighted by each node's requests, load and memory of
     * the busiest node (each node's own are in the list). One node reads as itself.
     */
    public static MetricsSample of(long timestamp, List<NodeSample> nodes) {
        int users = 0;
        int anonymous = 0;
        long requests = 0;
        double errors = 0;
        double millis = 0;
        double load = 0;
        double memory = 0;
        for (NodeSample n : nodes) {
            users += n.activeUsers();
            anonymous += n.anonymousConnections();
            requests += n.requestsPerMinute();
            errors += n.errorRate() * n.requestsPerMinute();
            millis += n.avgResponseTime() * n.requestsPerMinute();
            load = Math.max(load, n.systemLoad());
            memory = Math.max(memory, n.memoryUsage());
        }
        Delivery delivery = Delivery.worst(nodes.stream().map(NodeSample::delivery).toList());
        if (nodes.size() == 1) {
            NodeSample only = nodes.get(0);
            return new MetricsSample(timestamp, users, anonymous, requests, only.errorRate(), only.avgResponseTime(), load,
                    memory, nodes, delivery);
        }
        return new MetricsSample(timestamp, users, anonymous, requests, requests == 0 ? 0 : round(errors / requests, 4),
                requests == 0 ? 0 : round(millis / requests, 1), load, memory, nodes, delivery);
    }

    public static MetricsSample of(long timestamp, Audience audience, RequestStats requests, double systemLoad, double memoryUsage,
                                   Delivery delivery) {
        return new MetricsSample(timestamp, audience.users(), audience.anonymousConnections(), requests.requestsPerMinute(),
                round(requests.errorRate(), 4), round(requests.avgResponseMillis(), 1), round(systemLoad, 4), round(memoryUsage, 4),
                List.of(), delivery);
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

    /** The event data: the six figures, the anonymous connections and the delivery latency, no timestamp (the envelope has it). */
    public JsonObject data() {
        var b = JSON.createObjectBuilder()
                .add(Metric.ACTIVE_USERS.key(), activeUsers)
                .add(Metric.REQUESTS_PER_MINUTE.key(), requestsPerMinute)
                .add(Metric.ERROR_RATE.key(), errorRate)
                .add(Metric.AVG_RESPONSE_TIME.key(), avgResponseTime)
                .add(Metric.SYSTEM_LOAD.key(), systemLoad)
                .add(Metric.MEMORY_USAGE.key(), memoryUsage)
                .add("anonymousConnections", anonymousConnections)
                .add("deliveries", delivery.count())
                .add("deliveryLatencyP50", delivery.p50Millis())
                .add("deliveryLatencyP99", delivery.p99Millis());
        if (!nodes.isEmpty()) {
            var list = JSON.createArrayBuilder();
            nodes.forEach(n -> list.add(n.json()));
            b.add("nodes", list);
        }
        return b.build();
    }

    /** For REST and history, where there is no envelope: the data plus {@code timestamp}. */
    public JsonObject withTimestamp() {
        return JSON.createObjectBuilder(data()).add("timestamp", timestamp).build();
    }

    private static double round(double v, int places) {
        double scale = Math.pow(10, places);
        return Math.round(v * scale) / scale;
    }
}
