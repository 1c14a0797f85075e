package dev.herald.cluster;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real Liberty nodes (heraldA, heraldB, started by the build) form one hub over a
 * Redis of their own, which these tests start, kill and restart. Plain HTTP, as clients
 * behind a load balancer would talk. The node kill comes last: it leaves A down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Node A = Node.fromProperty("heraldA", "herald.cluster.a.port");
    private static final Node B = Node.fromProperty("heraldB", "herald.cluster.b.port");
    private static ClusterRedis redis;

    @BeforeAll
    static void startRedis() throws Exception {
        ClusterRedis.require();
        redis = new ClusterRedis(Integer.parseInt(System.getProperty("herald.cluster.redis.port", "6390")),
                Path.of(System.getProperty("herald.cluster.redis.dir", "target/cluster-redis")));
        redis.startEmpty();
        for (Node node : List.of(A, B)) {
            assertTrue(node.awaitReadiness(200, Duration.ofSeconds(30)), node + " did not become ready on " + redis.url());
        }
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) redis.kill();
    }

    private static String topic(String what) {
        return "custom/cluster-" + what + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    private static List<String> ids(List<SseEvent> events) {
        return events.stream().map(SseEvent::id).toList();
    }

    @Test
    @Order(1)
    void anEventPublishedOnEitherNodeReachesBothInOneOrder() {
        String topic = topic("order");
        try (RawStream onA = A.stream(topic); RawStream onB = B.stream(topic)) {
            var acknowledged = new ArrayList<String>();
            for (int i = 0; i < 10; i++) {
                acknowledged.add(A.publishOk(topic, "{\"from\":\"A\",\"n\":" + i + "}"));
                acknowledged.add(B.publishOk(topic, "{\"from\":\"B\",\"n\":" + i + "}"));
            }
            List<SseEvent> seenOnA = onA.events("message", 20, WAIT);
            List<SseEvent> seenOnB = onB.events("message", 20, WAIT);

            assertEquals(acknowledged, ids(seenOnA), "a subscriber on A gets B's events too, in the order they were accepted");
            assertEquals(acknowledged, ids(seenOnB), "a subscriber on B sees the very same order");
            assertEquals("B", seenOnA.get(1).json().getJsonObject("data").getString("from"));
            assertEquals("A", seenOnB.get(0).json().getJsonObject("data").getString("from"));
        }
    }

    @Test
    @Order(2)
    void aClientCutOffOnAResumesOnBWithExactlyWhatItMissed() {
        String topic = topic("resume");
        String lastSeen;
        try (RawStream onA = A.stream(topic)) {
            for (int i = 0; i < 3; i++) A.publishOk(topic, "{\"n\":" + i + "}");
            lastSeen = onA.events("message", 3, WAIT).get(2).id();
        }
        var missed = new ArrayList<String>();
        for (int i = 3; i < 6; i++) missed.add(B.publishOk(topic, "{\"n\":" + i + "}"));

        try (RawStream onB = B.resume(topic, lastSeen)) {
            assertEquals(missed, ids(onB.events("message", 3, WAIT)), "exactly the missed events, in order");
            String live = A.publishOk(topic, "{\"n\":6}");
            assertEquals(live, onB.events("message", 1, WAIT).get(0).id(), "then live events, none twice");
        }
    }

    @Test
    @Order(3)
    void losingRedisTakesReadinessDownRefusesPublishesAndLosesNothingAcknowledged() throws Exception {
        String topic = topic("redis-down");
        try (RawStream onA = A.stream(topic)) {
            String before = B.publishOk(topic, "{\"n\":0}");
            String acknowledged = B.publishOk(topic, "{\"n\":1}");
            assertEquals(List.of(before, acknowledged), ids(onA.events("message", 2, WAIT)));

            redis.kill();
            assertTrue(A.awaitReadiness(503, WAIT), "A's readiness goes down with Redis");
            assertTrue(B.awaitReadiness(503, WAIT), "B's readiness goes down with Redis");
            var refused = B.publish(topic, "message", "{\"n\":-1}");
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals(503, Api.json(refused.body()).getInt("status"));

            redis.start();
            assertTrue(A.awaitReadiness(200, WAIT), "A's readiness comes back with Redis");
            assertTrue(B.awaitReadiness(200, WAIT), "B's readiness comes back with Redis");
            String after = B.publishOk(topic, "{\"n\":2}");
            assertEquals(List.of(after), ids(onA.events("message", 1, WAIT)),
                    "the stream stayed open through the outage and goes on live, with nothing refused in it");

            try (RawStream resumed = A.resume(topic, before)) {
                assertEquals(List.of(acknowledged, after), ids(resumed.events("message", 2, WAIT)),
                        "what Redis acknowledged before it went down is still there to replay");
            }
        }
    }

    @Test
    @Order(4)
    void aNodeKilledAbruptlyLosesNothingForItsClients() throws Exception {
        String topic = topic("node-down");
        String lastSeen;
        var published = new ArrayList<String>();
        try (RawStream onA = A.stream(topic)) {
            for (int i = 0; i < 5; i++) published.add(B.publishOk(topic, "{\"n\":" + i + "}"));
            lastSeen = onA.events("message", 5, WAIT).get(4).id();
            assertEquals(published.get(4), lastSeen);

            A.killAbruptly();
            assertTrue(onA.ended(WAIT), "A's streams end with its JVM");
        }
        var missed = new ArrayList<String>();
        for (int i = 5; i < 15; i++) missed.add(B.publishOk(topic, "{\"n\":" + i + "}"));

        try (RawStream onB = B.resume(topic, lastSeen)) {
            assertEquals(missed, ids(onB.events("message", missed.size(), WAIT)), "A's client resumes on B with nothing lost");
        }
    }
}
