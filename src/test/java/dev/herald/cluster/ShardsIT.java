package dev.herald.cluster;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.RedisServer;
import dev.herald.testing.SseEvent;
import dev.herald.testing.TestNodes;
import dev.herald.testing.ThirdLane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real Liberty nodes whose events are spread over two Redis of the test's own: a stream on
 * either node over topics of both shards, resumed on the other node from its cursor, and a shard
 * that stops and starts again while the other carries on.
 */
@Tag("cluster")
@ThirdLane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PREFIX = TestNodes.shards("redis://a", "redis://b").get("herald.redis.prefix");
    private static RedisServer shardA;
    private static RedisServer shardB;
    private static Node a;
    private static Node b;
    /** One topic on each shard, told apart by the epochs of their ids. */
    private static String onA;
    private static String onB;

    @BeforeAll
    static void start() throws Exception {
        RedisServer.require();
        String dir = System.getProperty("herald.shards.redis.dir", "target/shards-redis");
        shardA = new RedisServer(Integer.getInteger("herald.shards.redis.a.port", 6396), Path.of(dir, "a").toAbsolutePath());
        shardB = new RedisServer(Integer.getInteger("herald.shards.redis.b.port", 6397), Path.of(dir, "b").toAbsolutePath());
        shardA.startEmpty();
        shardB.startEmpty();
        var settings = TestNodes.shards(shardA.url(), shardB.url());
        a = new Node(TestNodes.SHARDS_A.node(settings));
        b = new Node(TestNodes.SHARDS_B.node(settings));
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> a.server().create().start()),
                CompletableFuture.runAsync(() -> b.server().create().start())).join();
        topicsOnBothShards();
    }

    @AfterAll
    static void stop() {
        for (Node node : new Node[] {a, b}) if (node != null) node.server().discard();
        if (shardA != null) shardA.kill();
        if (shardB != null) shardB.kill();
    }

    /** A topic of each shard, found by publishing: an id's epoch says which shard took it. */
    private static void topicsOnBothShards() {
        String epochOfB;
        try (var redis = RedisClient.create(URI.create(shardB.url()))) {
            epochOfB = redis.get(PREFIX + "epoch");
        }
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        for (int i = 0; onA == null || onB == null; i++) {
            String topic = "custom/shards-" + run + "-" + i;
            if (epoch(a.publishOk(topic, "{\"probe\":true}")).equals(epochOfB)) onB = onB == null ? topic : onB;
            else onA = onA == null ? topic : onA;
        }
    }

    private static String epoch(String id) {
        return id.substring(0, id.indexOf(':'));
    }

    private static RawStream stream(Node node, Map<String, String> headers) {
        return RawStream.open(node.url("/api/events?topic=" + onA + "&topic=" + onB), headers);
    }

    /** The envelope's id: the event's own. {@link SseEvent#id} is the block's last id, the stream's cursor. */
    private static String eventId(SseEvent e) {
        return e.json().getString("id");
    }

    @Test
    @Order(1)
    void aStreamOverBothShardsCarriesACursorAndResumesFromItOnTheOtherNode() {
        var published = new ArrayList<String>();
        List<SseEvent> first;
        try (RawStream onNodeA = stream(a, Map.of())) {
            assertTrue(onNodeA.next(WAIT) != null, "the stream opened");
            for (int i = 0; i < 3; i++) {
                published.add(b.publishOk(onA, "{\"n\":" + i + "}"));
                published.add(b.publishOk(onB, "{\"n\":" + i + "}"));
            }
            first = onNodeA.events("message", 6, WAIT);
        }
        assertEquals(Set.copyOf(published), Set.copyOf(first.stream().map(ShardsIT::eventId).toList()),
                "B's events of both shards reach a stream on A");
        for (SseEvent e : first) {
            List<String> cursor = List.of(e.id().split(","));
            assertEquals(2, cursor.size(), "the last id: of each block names both shards: " + e.id());
            assertTrue(cursor.contains(eventId(e)), "…the event itself in its own shard: " + e.id());
        }
        // The client keeps the cursor of its third event; four more are published after it.
        String kept = first.get(2).id();
        for (int i = 3; i < 5; i++) {
            published.add(a.publishOk(onA, "{\"n\":" + i + "}"));
            published.add(a.publishOk(onB, "{\"n\":" + i + "}"));
        }
        Set<String> expected = new HashSet<>(published);
        first.subList(0, 3).forEach(e -> expected.remove(eventId(e)));
        try (RawStream resumed = stream(b, Map.of("Last-Event-ID", kept))) {
            List<SseEvent> got = resumed.events("message", 7, WAIT);
            assertEquals(expected, Set.copyOf(got.stream().map(ShardsIT::eventId).toList()),
                    "exactly what came after the cursor in each shard");
            assertEquals(7, got.size(), "each once");
        }
    }

    @Test
    @Order(2)
    void aShardThatStopsFailsOnlyItsTopicsAndTheOtherGoesOn() throws Exception {
        String cursor;
        try (RawStream live = stream(b, Map.of())) {
            assertTrue(live.next(WAIT) != null, "the stream opened");
            a.publishOk(onA, "{\"n\":\"before\"}");
            a.publishOk(onB, "{\"n\":\"before\"}");
            cursor = live.events("message", 2, WAIT).get(1).id();

            shardB.kill();
            String stillA = a.publishOk(onA, "{\"n\":\"during\"}");
            var refused = a.publish(onB, "message", "{\"n\":\"during\"}");
            assertEquals(503, refused.statusCode(), "the stopped shard's topic: " + refused.body());
            assertEquals(stillA, eventId(live.events("message", 1, WAIT).get(0)), "the other shard's topic goes on live");
            assertEquals(200, a.readiness(), "the node stays in rotation");

            try (RawStream resumed = stream(a, Map.of("Last-Event-ID", cursor))) {
                SseEvent reset = resumed.events("reset", 1, WAIT).get(0);
                assertEquals("unavailable", reset.json().getString("reason"));
                assertEquals(stillA, eventId(resumed.events("message", 1, WAIT).get(0)), "…and the other shard's topic replays");
            }

            shardB.start(); // its append-only file keeps its history and epoch
            String back = publishWhenBack(onB);
            assertEquals(back, eventId(live.events("message", 1, WAIT).get(0)), "the open stream hears the shard again");
        }
        try (RawStream resumed = stream(b, Map.of("Last-Event-ID", cursor))) {
            assertEquals(2, resumed.events("message", 2, WAIT).size(), "both shards resume from the same cursor once both answer");
        }
    }

    private static String publishWhenBack(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var response = a.publish(topic, "message", "{\"n\":\"after\"}");
            if (response.statusCode() == 200) return Api.json(response.body()).getString("id");
            if (System.nanoTime() > deadline) throw new AssertionError("the shard did not come back: " + response.body());
            Thread.sleep(100);
        }
    }
}
