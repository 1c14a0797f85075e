package dev.herald.trace;

import dev.herald.testing.ThirdLane;
import dev.herald.broker.RedisTestSupport;
import dev.herald.testing.Api;
import dev.herald.testing.Await;
import dev.herald.testing.LibertyNode;
import dev.herald.testing.RawStream;
import dev.herald.testing.TestNodes;
import dev.herald.trace.ZipkinCollector.ZSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two tracing nodes over one Redis: an event published on one and written to a stream on the
 * other is one trace, the traceparent carried in the topic channel's message to the other node's
 * reader. Both export to the test's Zipkin collector.
 */
@Tag("own-node")
@ThirdLane
class TracesAcrossNodesIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REDIS = RedisTestSupport.url();
    private static String prefix;
    private static ZipkinCollector collector;
    private static LibertyNode a;
    private static LibertyNode b;

    @BeforeAll
    static void startTwoTracingNodesOverOneRedis() {
        RedisTestSupport.requireRedis(REDIS, "TracesAcrossNodesIT");
        prefix = RedisTestSupport.uniquePrefix("traces");
        collector = new ZipkinCollector();
        Map<String, String> settings = TestNodes.tracedOverRedis(collector.endpoint(), REDIS, prefix);
        a = TestNodes.TRACED_A.create(settings);
        b = TestNodes.TRACED_B.create(settings);
        // Side by side: each start is mostly waiting.
        CompletableFuture.allOf(CompletableFuture.runAsync(a::start), CompletableFuture.runAsync(b::start)).join();
    }

    @AfterAll
    static void stop() {
        if (a != null) a.stop();
        if (b != null) b.stop();
        if (collector != null) collector.close();
        if (prefix != null) RedisTestSupport.deleteKeys(REDIS, prefix);
    }

    @Test
    void anEventPublishedOnOneNodeIsWrittenOnTheOtherInTheSameTrace() throws Exception {
        String traceId = hex(16);
        String callerSpan = hex(8);
        try (var stream = RawStream.open(b.uri("/api/events?topic=custom/across"), Map.of())) {
            stream.await(e -> e.retry() != null, WAIT);
            var r = a.send("POST", "/api/publish", "{\"topic\":\"custom/across\",\"type\":\"hello\"}", Map.of(
                    "Content-Type", "application/json", "Authorization", "Bearer " + Api.PUBLISHER_TOKEN,
                    "traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
            assertEquals(200, r.statusCode(), r.body());
            stream.await(e -> "hello".equals(e.event()), WAIT);
        }
        // The publish, a fan-out on the node holding the stream (the publishing one holds none of
        // the topic, so it does not read the event at all), one write.
        Await.until(() -> collector.trace(traceId).size() >= 3, 15_000);
        Thread.sleep(500); // spans are exported within 0.1 s: a fan-out on the publishing node would be here by now
        List<ZSpan> spans = collector.trace(traceId);
        List<ZSpan> publish = spans.stream().filter(s -> s.name().equals("post /api/publish")).toList();
        assertEquals(1, publish.size(), spans.toString());
        assertEquals(callerSpan, publish.get(0).parentId());
        List<ZSpan> fanOuts = spans.stream().filter(s -> s.name().equals("herald fan-out")).toList();
        assertEquals(1, fanOuts.size(), "one fan-out, on the node whose stream holds the topic: " + spans);
        assertTrue(fanOuts.stream().allMatch(f -> f.parentId().equals(publish.get(0).id())), spans.toString());
        ZSpan reaching = fanOuts.stream().filter(f -> "1".equals(f.tag("herald.streams"))).findFirst()
                .orElseThrow(() -> new AssertionError("a fan-out that reached the stream: " + spans));
        List<ZSpan> writes = spans.stream().filter(s -> s.name().equals("herald write")).toList();
        assertEquals(1, writes.size(), spans.toString());
        assertEquals(reaching.id(), writes.get(0).parentId(), "the write on the other node is under its fan-out: " + spans);
    }

    private static String hex(int bytes) {
        byte[] x = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(x);
        return HexFormat.of().formatHex(x);
    }
}
