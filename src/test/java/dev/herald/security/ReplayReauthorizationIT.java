package dev.herald.security;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user who loses a private room gets nothing more of it, neither live nor by replay. */
@Tag("both-transports")
@ExtendWith(SharedNode.class)
class ReplayReauthorizationIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Map<String, String> auth(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void leavingAPrivateRoomEndsItsStreamAndReplayIsRefused() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String owner = Api.signIn("owner-" + suffix);
        String leaverName = "leaver-" + suffix;
        String leaver = Api.signIn(leaverName);
        var created = Api.postJson("/api/chat/rooms", "{\"name\":\"vault " + suffix + "\",\"private\":true,\"members\":[\"" + leaverName + "\"]}", owner);
        assertEquals(201, created.statusCode(), created.body());
        String room = Api.json(created.body()).getString("id");
        String topic = "chat/" + room;

        String lastSeen;
        try (var stream = RawStream.open("/api/events?topic=" + topic, auth(leaver))) {
            stream.next(WAIT);
            var first = Api.postJson("/api/chat/rooms/" + room + "/messages", "{\"content\":\"before\"}", owner);
            assertEquals(201, first.statusCode(), first.body());
            lastSeen = stream.await(e -> "message".equals(e.event()), WAIT).id();

            assertEquals(200, Api.postJson("/api/chat/rooms/" + room + "/leave", "{}", leaver).statusCode());
            SseEvent revoked = stream.await(e -> "revoked".equals(e.event()), WAIT);
            assertEquals(topic, Api.json(revoked.data()).getString("topic"));
            assertTrue(stream.ended(Duration.ofSeconds(5)), "the stream ends after the revoked event");
        }
        assertEquals(201, Api.postJson("/api/chat/rooms/" + room + "/messages", "{\"content\":\"after\"}", owner).statusCode());

        var replay = Api.get("/api/events?topic=" + topic, Map.of("Authorization", "Bearer " + leaver,
                "Last-Event-ID", lastSeen, "Accept", "text/event-stream"));
        assertEquals(403, replay.statusCode(), "resuming the room after leaving it: " + replay.body());
    }
}
