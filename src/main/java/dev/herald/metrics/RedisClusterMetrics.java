package dev.herald.metrics;

import dev.herald.redis.RedisConnection;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Each node's reading in a Redis hash that expires after a few intervals, so a dead
 * node drops out of the list on its own; the live ones are found through a set of
 * node ids. The leader holds a key with the same expiry and renews it each tick;
 * when it dies another node takes the key over.
 */
public final class RedisClusterMetrics implements ClusterMetrics {
    private final UnifiedJedis redis;
    private final String prefix;
    private final String nodeId;
    private final long ttlMillis;
    private volatile boolean leads = true;

    public RedisClusterMetrics(RedisConnection connection, String nodeId, Duration interval) {
        this.redis = connection.client();
        this.prefix = connection.prefix() + "metrics:";
        this.nodeId = nodeId;
        this.ttlMillis = Math.max(3 * interval.toMillis(), 3_000);
    }

    @Override
    public List<NodeSample> report(NodeSample self) {
        try {
            String key = prefix + "node:" + nodeId;
            redis.hset(key, Map.ofEntries(Map.entry("lastSeen", Long.toString(self.lastSeen())),
                    Map.entry("systemLoad", Double.toString(self.systemLoad())),
                    Map.entry("memoryUsage", Double.toString(self.memoryUsage())),
                    Map.entry("activeUsers", Integer.toString(self.activeUsers())),
                    Map.entry("anonymousConnections", Integer.toString(self.anonymousConnections())),
                    Map.entry("requestsPerMinute", Long.toString(self.requestsPerMinute())),
                    Map.entry("errorRate", Double.toString(self.errorRate())),
                    Map.entry("avgResponseTime", Double.toString(self.avgResponseTime())),
                    Map.entry("deliveries", Long.toString(self.delivery().count())),
                    Map.entry("deliveryLatencyP50", Double.toString(self.delivery().p50Millis())),
                    Map.entry("deliveryLatencyP99", Double.toString(self.delivery().p99Millis()))));
            redis.pexpire(key, ttlMillis);
            redis.sadd(prefix + "nodes", nodeId);
            String leader = redis.set(prefix + "leader", nodeId, SetParams.setParams().nx().px(ttlMillis)) != null
                    ? nodeId : redis.get(prefix + "leader");
            leads = nodeId.equals(leader);
            if (leads) redis.pexpire(prefix + "leader", ttlMillis);
            var nodes = new ArrayList<NodeSample>();
            for (String id : redis.smembers(prefix + "nodes")) {
                if (id.equals(nodeId)) {
                    nodes.add(self);
                    continue;
                }
                Map<String, String> reading = redis.hgetAll(prefix + "node:" + id);
                if (reading.isEmpty()) redis.srem(prefix + "nodes", id); // expired: the node is gone
                else nodes.add(parse(id, reading));
            }
            nodes.sort(Comparator.comparing(NodeSample::id));
            return nodes;
        } catch (JedisException e) {
            // Without Redis this node sees only itself; its publishes fail until Redis is back anyway.
            leads = true;
            return List.of(self);
        }
    }

    @Override
    public boolean leads() {
        return leads;
    }

    private static NodeSample parse(String id, Map<String, String> h) {
        return new NodeSample(id, Long.parseLong(h.get("lastSeen")), Double.parseDouble(h.get("systemLoad")),
                Double.parseDouble(h.get("memoryUsage")), Integer.parseInt(h.get("activeUsers")),
                Integer.parseInt(h.get("anonymousConnections")), Long.parseLong(h.get("requestsPerMinute")),
                Double.parseDouble(h.get("errorRate")), Double.parseDouble(h.get("avgResponseTime")),
                // A node of an older version leaves no delivery figures.
                new Delivery(Long.parseLong(h.getOrDefault("deliveries", "0")),
                        Double.parseDouble(h.getOrDefault("deliveryLatencyP50", "0")),
                        Double.parseDouble(h.getOrDefault("deliveryLatencyP99", "0"))));
    }
}
