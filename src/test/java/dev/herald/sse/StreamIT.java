package dev.herald.sse;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream over real HTTP on a real Liberty: opening, delivery, heartbeats, resume and reset. */
@Tag("both-transports")
@ExtendWith(SharedNode.class)
class StreamIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String topic() {
        return "custom/it-" + UUID.randomUUID();
    }

    /** The same tests run against both transports (see pom.xml): make sure this run is on the one it claims. */
    @Test
    void servedByTheTransportUnderTest() {
        String transport = System.getProperty("herald.it.transport", "servlet");
        assertEquals(1.0, Api.metric("herald_stream_transport", "transport=\"" + transport + "\""), "transport " + transport);
    }

    @Test
    void otherMethodsAreRefusedWithAllowGet() {
        for (String method : List.of("POST", "HEAD", "OPTIONS", "PUT", "DELETE")) {
            var r = Api.send(method, "/api/events?topic=" + topic(), null, Map.of());
            assertEquals(405, r.statusCode(), method);
            assertEquals("GET", r.headers().firstValue("Allow").orElse(null), method);
        }
    }

    @Test
    void opensWithHeadersAndRetryBeforeAnyEvent() {
        try (var stream = RawStream.open("/api/events?topic=" + topic())) {
            var headers = stream.response().headers();
            assertEquals(200, stream.response().statusCode());
            assertTrue(headers.firstValue("Content-Type").orElse("").startsWith("text/event-stream"), headers.toString());
            assertTrue(headers.firstValue("Content-Type").orElse("").toLowerCase().contains("charset=utf-8"), headers.toString());
            assertEquals("no-cache", headers.firstValue("Cache-Control").orElse(null));
            assertEquals("no", headers.firstValue("X-Accel-Buffering").orElse(null));
            SseEvent first = stream.next(WAIT);
            assertNotNull(first, "nothing arrived before any event was published");
            assertEquals(3000L, first.retry());
        }
    }

    /**
     * Liberty ignores a response's first flush: written naively, the opening would sit in
     * the buffer and arrive only with the next write, the first heartbeat (1 s here).
     */
    @Test
    void openingIsNotHeldBackUntilTheNextWrite() {
        try (var stream = RawStream.open("/api/events?topic=" + topic())) {
            SseEvent first = stream.next(WAIT);
            assertNotNull(first, "nothing arrived before any event was published");
            assertEquals(List.of("herald"), first.comments());
            assertNull(stream.next(Duration.ofMillis(300)), "the opening arrived only together with the next write");
        }
    }

    @Test
    void publishedEventArrivesWithIdTypeAndEnvelope() {
        String topic = topic();
        try (var stream = RawStream.open("/api/events?topic=" + topic)) {
            stream.next(WAIT);
            String id = Api.publish(topic, "hello", "{\"n\":1}");
            SseEvent e = stream.await(ev -> "hello".equals(ev.event()), WAIT);
            assertEquals(id, e.id());
            var envelope = e.json();
            assertEquals(id, envelope.getString("id"));
            assertEquals(topic, envelope.getString("topic"));
            assertEquals("hello", envelope.getString("type"));
            assertEquals(1, envelope.getJsonObject("data").getInt("n"));
            assertTrue(envelope.getJsonNumber("timestamp").longValue() > 1_700_000_000_000L);
        }
    }

    /**
     * Both transports write the same bytes, field for field (RESTEasy's own writer puts
     * {@code event:} before {@code id:} and copies data a byte at a time: the JAX-RS transport
     * writes with the servlet's writer). RESTEasy starts a sink's body with blank lines.
     */
    @Test
    void blocksAreWrittenAsTheServletWritesThem() {
        String topic = topic();
        try (var stream = RawStream.open("/api/events?topic=" + topic)) {
            stream.next(WAIT);
            String first = Api.publish(topic, "hello", "{\"n\":1}");
            String second = Api.publish(topic, "hello", "{\"n\":2}");
            List<SseEvent> events = stream.events("hello", 2, WAIT);
            assertEquals(2, events.size(), stream.text());
            String text = stream.text().replace(": heartbeat\n\n", "").stripLeading(); // a heartbeat may fall anywhere
            assertTrue(text.startsWith(": herald\nretry: 3000\n\n"), text);
            assertTrue(text.contains("\n\nid: " + first + "\nevent: hello\ndata: " + events.get(0).data() + "\n\n"
                    + "id: " + second + "\nevent: hello\ndata: " + events.get(1).data() + "\n\n"), text);
        }
    }

    @Test
    void idleStreamGetsHeartbeatComment() {
        try (var stream = RawStream.open("/api/events?topic=" + topic())) {
            SseEvent hb = stream.await(e -> e.comments().contains("heartbeat"), Duration.ofSeconds(5));
            assertNull(hb.event());
        }
    }

    @Test
    void heartbeatAsEventWhenAsked() {
        try (var stream = RawStream.open("/api/events?heartbeat=event&topic=" + topic())) {
            SseEvent hb = stream.await(e -> "heartbeat".equals(e.event()), Duration.ofSeconds(5));
            assertNull(hb.id(), "a heartbeat must not move the resume point");
            assertTrue(hb.json().getJsonNumber("timestamp").longValue() > 0);
        }
    }

    @Test
    void staleOrForeignIdGetsResetThenLive() {
        String topic = topic();
        for (String bad : List.of("zzz:1-0", "not an id", "x".repeat(5000))) {
            try (var stream = RawStream.open("/api/events?topic=" + topic, Map.of("Last-Event-ID", bad))) {
                SseEvent reset = stream.await(e -> e.event() != null, WAIT);
                assertEquals("reset", reset.event(), "for id " + bad.substring(0, Math.min(20, bad.length())));
                assertNull(reset.id());
                assertTrue(reset.json().containsKey("reason"));
                String id = Api.publish(topic, "after", "{}");
                assertEquals(id, stream.await(e -> "after".equals(e.event()), WAIT).id());
            }
        }
    }

    @Test
    void idOlderThanRetentionGetsReset() {
        // custom/short keeps 5 events in the test server's configuration.
        String topic = "custom/short-" + UUID.randomUUID();
        String first = Api.publish(topic, "old", "{}");
        for (int i = 0; i < 6; i++) Api.publish(topic, "old", "{}");
        try (var stream = RawStream.open("/api/events?topic=" + topic + "&lastEventId=" + first)) {
            SseEvent reset = stream.await(e -> e.event() != null, WAIT);
            assertEquals("reset", reset.event());
            assertEquals("stale", reset.json().getString("reason"));
        }
    }

    @Test
    void resumeByQueryParameterReplaysExactlyTheMissedEvents() {
        String topic = topic();
        var ids = new ArrayList<String>();
        for (int i = 0; i < 10; i++) ids.add(Api.publish(topic, "n", "{\"i\":" + i + "}"));
        try (var stream = RawStream.open("/api/events?topic=" + topic + "&lastEventId=" + ids.get(3))) {
            List<SseEvent> replayed = stream.events("n", 6, WAIT);
            assertEquals(ids.subList(4, 10), replayed.stream().map(SseEvent::id).toList());
            String live = Api.publish(topic, "n", "{\"i\":10}");
            assertEquals(live, stream.events("n", 1, WAIT).get(0).id());
            assertEquals(List.of(), stream.events("n", 1, Duration.ofMillis(500)), "nothing may be delivered twice");
        }
    }

    @Test
    void headerWinsOverQueryParameter() {
        String topic = topic();
        String a = Api.publish(topic, "n", "{}");
        String b = Api.publish(topic, "n", "{}");
        String c = Api.publish(topic, "n", "{}");
        try (var stream = RawStream.open("/api/events?topic=" + topic + "&lastEventId=" + a, Map.of("Last-Event-ID", b))) {
            assertEquals(List.of(c), stream.events("n", 1, WAIT).stream().map(SseEvent::id).toList());
        }
    }

    @Test
    void jerseyClientCutOffResumesWithLastEventIdAndMissesNothing() throws Exception {
        String topic = topic();
        List<String> received = new CopyOnWriteArrayList<>();
        Client client = ClientBuilder.newClient();
        try (SseEventSource source = SseEventSource.target(client.target(Api.uri("/api/events?topic=" + topic)))
                .reconnectingEvery(200, TimeUnit.MILLISECONDS).build()) {
            source.register((InboundSseEvent e) -> {
                if ("n".equals(e.getName())) received.add(e.getId());
            });
            source.open();
            var published = new ArrayList<String>();
            published.add(Api.publish(topic, "n", "{\"i\":0}"));
            published.add(Api.publish(topic, "n", "{\"i\":1}"));
            awaitSize(received, 2);

            // The server cuts every stream; events are published before the client is back.
            Api.postJson("/api/admin/disconnect", "", Api.PUBLISHER_TOKEN);
            for (int i = 2; i < 7; i++) published.add(Api.publish(topic, "n", "{\"i\":" + i + "}"));
            awaitSize(received, 7);
            for (int i = 7; i < 10; i++) published.add(Api.publish(topic, "n", "{\"i\":" + i + "}"));
            awaitSize(received, 10);
            Thread.sleep(300); // a duplicate would show up here
            assertEquals(published, received, "every event exactly once, in order");
        } finally {
            client.close();
        }
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(size, list.size(), "received " + list);
    }
}
