package dev.herald.sse;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ?events=unnamed} over real HTTP on a real Liberty: every event without an
 * {@code event:} line (the envelope names the type), control events still named.
 */
@Tag("both-transports")
@ExtendWith(SharedNode.class)
class UnnamedEventsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String topic() {
        return "custom/unnamed-" + UUID.randomUUID();
    }

    /** The first block that carries data: skips the opening and any heartbeat comment. */
    private static SseEvent nextData(RawStream stream) {
        return stream.await(e -> e.data() != null, WAIT);
    }

    @Test
    void anEventOfAnyTypeArrivesUnnamedWithItsTypeInTheEnvelope() {
        String topic = topic();
        try (var stream = RawStream.open("/api/events?events=unnamed&topic=" + topic)) {
            stream.next(WAIT);
            String id = Api.publish(topic, "nobody_listens_for_this", "{\"n\":1}");
            SseEvent e = nextData(stream);
            assertNull(e.event(), "an unnamed event has no event: line");
            assertEquals(id, e.id());
            var envelope = e.json();
            assertEquals("nobody_listens_for_this", envelope.getString("type"));
            assertEquals(topic, envelope.getString("topic"));
            assertEquals(id, envelope.getString("id"));
        }
    }

    @Test
    void theSameEventIsNamedOnADefaultStreamBesideIt() {
        String topic = topic();
        try (var unnamed = RawStream.open("/api/events?events=unnamed&topic=" + topic);
             var named = RawStream.open("/api/events?topic=" + topic);
             var explicit = RawStream.open("/api/events?events=named&topic=" + topic)) {
            unnamed.next(WAIT);
            named.next(WAIT);
            explicit.next(WAIT);
            String id = Api.publish(topic, "hello", "{}");
            SseEvent a = nextData(named);
            assertEquals("hello", a.event());
            assertEquals(id, a.id());
            assertEquals("hello", nextData(explicit).event());
            SseEvent b = nextData(unnamed);
            assertNull(b.event());
            assertEquals(a.data(), b.data(), "same envelope either way");
        }
    }

    @Test
    void snapshotsAreUnnamedToo() {
        try (var stream = RawStream.open("/api/events?events=unnamed&topic=metrics")) {
            SseEvent snapshot = nextData(stream);
            assertNull(snapshot.event());
            assertNull(snapshot.id(), "a snapshot never moves the resume point");
            assertEquals("metrics_update", snapshot.json().getString("type"));
        }
    }

    @Test
    void heartbeatAndResetKeepTheirNames() {
        try (var stream = RawStream.open("/api/events?events=unnamed&heartbeat=event&lastEventId=not-an-id&topic=" + topic())) {
            SseEvent reset = nextData(stream);
            assertEquals("reset", reset.event());
            assertTrue(reset.json().containsKey("reason"));
            SseEvent heartbeat = stream.await(e -> e.data() != null, Duration.ofSeconds(5));
            assertEquals("heartbeat", heartbeat.event());
        }
    }

    @Test
    void expiredKeepsItsName() {
        String token = Api.signIn("unnamed-leaver-" + UUID.randomUUID().toString().substring(0, 6));
        try (var stream = RawStream.open("/api/events?events=unnamed&topic=" + topic(), Map.of("Authorization", "Bearer " + token))) {
            stream.next(WAIT);
            var out = Api.send("DELETE", "/api/session", null, Map.of("Authorization", "Bearer " + token));
            assertEquals(204, out.statusCode(), out.body());
            SseEvent ending = nextData(stream);
            assertEquals("expired", ending.event());
            assertTrue(stream.ended(Duration.ofSeconds(5)));
        }
    }

    @Test
    void revokedKeepsItsName() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String owner = Api.signIn("owner-" + suffix);
        String leaverName = "leaver-" + suffix;
        String leaver = Api.signIn(leaverName);
        var created = Api.postJson("/api/chat/rooms",
                "{\"name\":\"unnamed " + suffix + "\",\"private\":true,\"members\":[\"" + leaverName + "\"]}", owner);
        assertEquals(201, created.statusCode(), created.body());
        String room = Api.json(created.body()).getString("id");
        try (var stream = RawStream.open("/api/events?events=unnamed&topic=chat/" + room, Map.of("Authorization", "Bearer " + leaver))) {
            stream.next(WAIT);
            assertEquals(200, Api.postJson("/api/chat/rooms/" + room + "/leave", "{}", leaver).statusCode());
            SseEvent revoked = stream.await(e -> "revoked".equals(e.event()), WAIT);
            assertEquals("chat/" + room, Api.json(revoked.data()).getString("topic"));
        }
    }

    @Test
    void anUnknownFormIsAProblemNamingTheField() {
        var r = Api.get("/api/events?events=all&topic=" + topic(), Map.of());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        var problem = Api.json(r.body());
        assertEquals("events", problem.getString("field"));
        assertNotNull(problem.getString("detail"));
        assertTrue(problem.getString("detail").contains("unnamed"), problem.getString("detail"));
    }
}
