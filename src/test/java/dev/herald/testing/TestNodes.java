package dev.herald.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every node the tests start, in one place: its name, its ports and how its settings differ
 * from a node a user starts. All of them are made from the same template
 * ({@link LibertyNode}); nothing here is a server file.
 */
public final class TestNodes {
    private TestNodes() {
    }

    /** A node's name and ports; a port can be moved with the system property named after it. */
    public record Place(String name, int port, int httpsPort) {
        static Place of(String name, String property, int port, int httpsPort) {
            return new Place(name, Integer.getInteger(property + ".port", port), Integer.getInteger(property + ".https.port", httpsPort));
        }

        public LibertyNode node(Map<String, String> settings) {
            return LibertyNode.at(name, port, httpsPort, settings);
        }

        public LibertyNode create(Map<String, String> settings, java.nio.file.Path... overrides) {
            return node(settings).create(overrides);
        }
    }

    /** The integration tests' shared node ({@link SharedNode}), on the transport of the run. */
    public static final Place SHARED = Place.of("heraldIT", "herald.it", 9380, 9743);
    /** The same contract tests again, on the JAX-RS transport (failsafe's jaxrs-transport-tests). */
    public static final Place SHARED_JAXRS = Place.of("heraldJaxrsIT", "herald.it.jaxrs", 9388, 9751);
    public static final Place STRICT = Place.of("heraldStrict", "herald.strict", 9387, 9750);
    public static final Place RESTART = Place.of("heraldRestart", "herald.restart", 9389, 9752);
    public static final Place RESTART_TWIN = Place.of("heraldRestartTwin", "herald.restart.twin", 9390, 9753);
    public static final Place POSTGRES = Place.of("heraldPostgres", "herald.postgres.node", 9391, 9754);
    public static final Place HOST = Place.of("heraldHost", "herald.host", 9392, 9755);
    public static final Place WITHOUT_HERALD = Place.of("heraldWithout", "herald.without", 9393, 9756);
    public static final Place TRACED = Place.of("heraldTraced", "herald.traced", 9394, 9757);
    public static final Place TRACED_A = Place.of("heraldTracedA", "herald.traced.a", 9395, 9758);
    public static final Place TRACED_B = Place.of("heraldTracedB", "herald.traced.b", 9396, 9759);
    public static final Place CLUSTER_A = Place.of("heraldA", "herald.cluster.a", 9381, 9744);
    public static final Place CLUSTER_B = Place.of("heraldB", "herald.cluster.b", 9382, 9745);
    public static final Place SHARDS_A = Place.of("heraldShardsA", "herald.shards.a", 9397, 9760);
    public static final Place SHARDS_B = Place.of("heraldShardsB", "herald.shards.b", 9398, 9761);

    /**
     * The shared node's settings: knobs shortened so tests run in seconds, and limits out of
     * the way of functional tests (the strict node checks them tight). The suite runs from
     * 127.0.0.1, so that address skips the per-address limits (the limit tests come from
     * 127.0.0.x instead).
     */
    public static Map<String, String> shared(String transport) {
        var s = new LinkedHashMap<String, String>();
        s.put("herald.stream.transport", transport);
        s.put("write.timeout", "30s");
        s.put("herald.heartbeat.interval", "1s");
        s.put("herald.queue.capacity", "200");
        s.put("herald.retention.rules", "metrics=latest,custom/short=5");
        // Dashboard: samples twice a second, alerts held 1 s, so alert tests take seconds.
        s.put("herald.metrics.interval", "500ms");
        s.put("herald.alerts.hold", "1s");
        s.putAll(relaxedLimits());
        return s;
    }

    /**
     * A node that traces (MicroProfile Telemetry's SDK on), its spans in its log (the logging
     * exporter) and sent to the test's collector at {@code zipkinEndpoint}: the logging exporter
     * prints no span's parent, Zipkin's JSON does. Exported within a tenth of a second; no
     * metrics or logs exported, which would look for a collector that is not there.
     */
    public static Map<String, String> traced(String zipkinEndpoint) {
        var s = new LinkedHashMap<String, String>();
        s.put("otel.sdk.disabled", "false");
        s.put("otel.service.name", "herald");
        s.put("otel.traces.exporter", "logging,zipkin");
        s.put("otel.exporter.zipkin.endpoint", zipkinEndpoint);
        s.put("otel.bsp.schedule.delay", "100");
        s.put("otel.metrics.exporter", "none");
        s.put("otel.logs.exporter", "none");
        s.put("herald.heartbeat.interval", "1s");
        s.putAll(relaxedLimits());
        return s;
    }

    /** {@link #traced}, on the Redis at {@code redisUrl} under {@code prefix}: nodes given the same two are one hub. */
    public static Map<String, String> tracedOverRedis(String zipkinEndpoint, String redisUrl, String prefix) {
        var s = new LinkedHashMap<>(traced(zipkinEndpoint));
        s.put("herald.broker", "redis");
        s.put("herald.redis.url", redisUrl);
        s.put("herald.redis.prefix", prefix);
        return s;
    }

    /** Both scale-out nodes: one hub over the tests' own Redis, nginx (NginxIT) in front on 127.0.0.1. */
    public static Map<String, String> cluster(int redisPort) {
        var s = new LinkedHashMap<String, String>();
        s.put("herald.broker", "redis");
        s.put("herald.redis.url", "redis://127.0.0.1:" + redisPort);
        s.put("herald.redis.prefix", "herald-cluster-it:");
        s.put("herald.session.secret", "cluster-it-session-secret-shared-by-both-nodes");
        s.put("herald.publisher.token", "dev-publisher-token");
        s.put("herald.heartbeat.interval", "1s");
        s.put("herald.trusted.proxies", "127\\.0\\.0\\.1");
        s.putAll(relaxedLimits());
        // Sign-ins from other addresses are tight, so NginxIT sees the per-client limit of
        // forwarded addresses after a few requests.
        s.put("herald.limit.signin.rate", "3/m");
        // The chat rate (10 messages) over a minute, not the default 5 s: NginxIT's ten posts
        // took longer than 5 s on a loaded machine, and the eleventh was let through.
        s.put("herald.chat.rate.window", "1m");
        // Small, so ClusterIT fills it over both nodes; no other cluster test opens more streams for one user.
        s.put("herald.limit.streams.per-user", Integer.toString(CLUSTER_STREAMS_PER_USER));
        return s;
    }

    /**
     * Both nodes of the sharded cluster (ShardsIT): events spread over two Redis, the rest of the
     * hub's state on the first.
     */
    public static Map<String, String> shards(String stateAndShardA, String shardB) {
        var s = new LinkedHashMap<String, String>();
        s.put("herald.broker", "redis");
        s.put("herald.redis.url", stateAndShardA);
        s.put("herald.redis.shards", stateAndShardA + "," + shardB);
        s.put("herald.redis.prefix", "herald-shards-it:");
        s.put("herald.session.secret", "shards-it-session-secret-shared-by-both-nodes");
        s.put("herald.heartbeat.interval", "1s");
        s.putAll(relaxedLimits());
        return s;
    }

    /** The cluster nodes' open streams per user, counted over both. */
    public static final int CLUSTER_STREAMS_PER_USER = 4;

    private static Map<String, String> relaxedLimits() {
        return Map.of(
                "herald.limit.exempt", "127.0.0.1,0:0:0:0:0:0:0:1",
                "herald.limit.streams.per-user", "1000",
                "herald.limit.publish.rate", "100000/s",
                "herald.limit.write.rate", "100000/s");
    }
}
