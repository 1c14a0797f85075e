package dev.herald.trace;

import dev.herald.testing.ThirdLane;
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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A publish, its fan-out and its writes are one trace, under the caller's {@code traceparent}:
 * on a node with MicroProfile Telemetry's SDK on, the spans are read back from the node's log
 * (the logging exporter, which prints trace and span ids) and from a Zipkin collector of the
 * test's own (which also says each span's parent).
 */
@Tag("own-node")
@ThirdLane
class TracesIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static ZipkinCollector collector;
    private static LibertyNode node;

    @BeforeAll
    static void startATracingNode() {
        collector = new ZipkinCollector();
        node = TestNodes.TRACED.create(TestNodes.traced(collector.endpoint())).start();
    }

    @AfterAll
    static void stop() {
        if (node != null) node.stop();
        if (collector != null) collector.close();
    }

    @Test
    void aPublishItsFanOutAndItsWriteAreOneTraceUnderTheCallersSpan() throws Exception {
        String traceId = hex(16);
        String callerSpan = hex(8);
        try (var stream = RawStream.open(node.uri("/api/events?topic=custom/traced"), Map.of())) {
            stream.await(b -> b.retry() != null, WAIT);
            var r = publish("/api/publish", "{\"topic\":\"custom/traced\",\"type\":\"hello\",\"data\":{\"n\":1}}",
                    "00-" + traceId + "-" + callerSpan + "-01");
            assertEquals(200, r.statusCode(), r.body());
            stream.await(e -> "hello".equals(e.event()), WAIT);
        }

        List<ZSpan> spans = awaitSpans(traceId, 3);
        ZSpan publish = only(spans, "post /api/publish");
        assertEquals(callerSpan, publish.parentId(), "the caller's span is the publish's parent: " + spans);
        assertEquals("SERVER", publish.kind());
        assertEquals("200", publish.tag("http.response.status_code"));
        ZSpan fanOut = only(spans, "herald fan-out");
        assertEquals(publish.id(), fanOut.parentId(), "the fan-out is the publish's child: " + spans);
        assertEquals("custom/traced", fanOut.tag("herald.topic"));
        assertEquals("1", fanOut.tag("herald.streams"));
        ZSpan write = only(spans, "herald write");
        assertEquals(fanOut.id(), write.parentId(), "the write is the fan-out's child: " + spans);
        assertEquals("servlet", write.tag("herald.transport"));

        // The same three in the node's log, by the logging exporter: 'name' : traceId spanId KIND …
        assertTrue(Await.until(() -> logged("POST /api/publish", traceId, publish.id())
                && logged("herald fan-out", traceId, fanOut.id()) && logged("herald write", traceId, write.id()), 10_000),
                "the node's log shows the publish, fan-out and write spans of trace " + traceId + ":\n" + spanLines());
    }

    @Test
    void aBatchIsOneSpanWhoseEventsFanOutUnderIt() throws Exception {
        String traceId = hex(16);
        String callerSpan = hex(8);
        try (var stream = RawStream.open(node.uri("/api/events?topic=custom/batched"), Map.of())) {
            stream.await(b -> b.retry() != null, WAIT);
            var r = publish("/api/publish/batch", "{\"events\":[{\"topic\":\"custom/batched\",\"type\":\"one\"},"
                    + "{\"topic\":\"custom/batched\",\"type\":\"two\"}]}", "00-" + traceId + "-" + callerSpan + "-01");
            assertEquals(200, r.statusCode(), r.body());
            stream.await(e -> "two".equals(e.event()), WAIT);
        }
        // The fan-outs and writes can be exported before the request's own span has ended: wait for all of them.
        List<ZSpan> spans = awaitSpans(traceId, s -> named(s, "post /api/publish/batch") == 1 && named(s, "herald fan-out") == 2
                && named(s, "herald write") >= 1);
        ZSpan publish = only(spans, "post /api/publish/batch");
        assertEquals(callerSpan, publish.parentId(), spans.toString());
        List<ZSpan> fanOuts = spans.stream().filter(s -> s.name().equals("herald fan-out")).toList();
        assertEquals(2, fanOuts.size(), "one fan-out per event: " + spans);
        for (ZSpan f : fanOuts) assertEquals(publish.id(), f.parentId(), spans.toString());
        assertTrue(spans.stream().filter(s -> s.name().equals("herald write"))
                .allMatch(w -> fanOuts.stream().anyMatch(f -> f.id().equals(w.parentId()))), "writes are children of a fan-out: " + spans);
    }

    /** A caller that does not sample its trace gets no spans of Herald's either. */
    @Test
    void anUnsampledTraceparentMakesNoSpans() throws Exception {
        String unsampled = hex(16);
        var r = publish("/api/publish", "{\"topic\":\"custom/quiet\",\"type\":\"hello\"}", "00-" + unsampled + "-" + hex(8) + "-00");
        assertEquals(200, r.statusCode(), r.body());
        // A sampled publish after it: once its spans are in, the unsampled one's would have been.
        String sampled = hex(16);
        publish("/api/publish", "{\"topic\":\"custom/quiet\",\"type\":\"hello\"}", "00-" + sampled + "-" + hex(8) + "-01");
        awaitSpans(sampled, 1);
        Thread.sleep(500);
        assertEquals(List.of(), collector.trace(unsampled));
    }

    /** A malformed traceparent never refuses a publish (W3C Trace Context: it is ignored). */
    @Test
    void aMalformedTraceparentIsIgnored() {
        var r = publish("/api/publish", "{\"topic\":\"custom/quiet\",\"type\":\"hello\"}", "00-not-a-trace-01");
        assertEquals(200, r.statusCode(), r.body());
    }

    private static HttpResponse<String> publish(String path, String json, String traceparent) {
        return node.send("POST", path, json, Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + Api.PUBLISHER_TOKEN, "traceparent", traceparent));
    }

    private static List<ZSpan> awaitSpans(String traceId, int atLeast) throws Exception {
        return awaitSpans(traceId, spans -> spans.size() >= atLeast);
    }

    private static List<ZSpan> awaitSpans(String traceId, java.util.function.Predicate<List<ZSpan>> complete) throws Exception {
        Await.until(() -> complete.test(collector.trace(traceId)), 15_000);
        List<ZSpan> spans = collector.trace(traceId);
        assertTrue(complete.test(spans), "spans of trace " + traceId + ": " + spans + "\nlog:\n" + spanLines());
        return spans;
    }

    private static long named(List<ZSpan> spans, String name) {
        return spans.stream().filter(s -> s.name().equals(name)).count();
    }

    private static ZSpan only(List<ZSpan> spans, String name) {
        List<ZSpan> named = spans.stream().filter(s -> s.name().equals(name)).toList();
        assertEquals(1, named.size(), "one span named " + name + ": " + spans);
        return named.get(0);
    }

    private static boolean logged(String name, String traceId, String spanId) {
        return Pattern.compile("'" + Pattern.quote(name) + "' : " + traceId + " " + spanId + " ").matcher(node.messages()).find();
    }

    private static String spanLines() {
        return node.messages().lines().filter(l -> l.contains("LoggingSpanExporter") || l.contains("' : ")).reduce("", (a, b) -> a + b + "\n");
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
