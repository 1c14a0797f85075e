package dev.herald.store;

import dev.herald.testing.LibertyNode;
import dev.herald.testing.RawStream;
import dev.herald.testing.SseEvent;
import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.herald.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a team does on a node before a restart, and checks after it: the story. Alice
 * makes a private room with Bob, they talk, Bob reads; a publisher sends Alice three
 * notifications and she reads one; Carol signs out; a {@code curl} follows {@code custom/restart}.
 */
final class NodeScenario {
    static final String PUBLISHER = "dev-publisher-token";

    private final LibertyNode node;
    String alice;
    String bob;
    String carol;
    String roomId;
    String seenEventId;
    List<String> missedEventIds;

    NodeScenario(LibertyNode node) {
        this.node = node;
    }

    /** Everything before the restart; each answer is a success, so each must be kept. */
    NodeScenario before() {
        alice = signIn("alice");
        bob = signIn("bob");
        carol = signIn("carol");
        JsonObject room = ok(201, post("/api/chat/rooms", "{\"name\":\"Ops Room\",\"private\":true,\"members\":[\"bob\"]}", alice));
        roomId = room.getString("id");
        ok(201, post("/api/chat/rooms/" + roomId + "/messages", "{\"content\":\"deploy at 5?\",\"clientId\":\"a1\"}", alice));
        String reply = ok(201, post("/api/chat/rooms/" + roomId + "/messages", "{\"content\":\"yes\",\"clientId\":\"b1\"}", bob)).getString("id");
        ok(201, post("/api/chat/rooms/" + roomId + "/messages", "{\"content\":\"done\",\"clientId\":\"a2\"}", alice));
        ok(200, post("/api/chat/rooms/" + roomId + "/read", "{\"lastReadId\":\"" + reply + "\"}", bob));
        String first = null;
        for (int i = 1; i <= 3; i++) {
            String id = ok(201, post("/api/notifications", "{\"title\":\"n" + i + "\",\"message\":\"m\",\"type\":\"info\",\"userId\":\"alice\"}", PUBLISHER)).getString("id");
            if (first == null) first = id;
        }
        ok(200, post("/api/notifications/" + first + "/read", null, alice));
        assertEquals(204, node.send("DELETE", "/api/session", null, Map.of("Authorization", "Bearer " + carol)).statusCode());
        seenEventId = publish(0);
        missedEventIds = List.of(publish(1), publish(2));
        return this;
    }

    /** After the restart: every acknowledged change is there, tokens hold, the stream resumes exactly. */
    void after() {
        JsonObject rooms = ok(200, get("/api/chat/rooms", alice));
        JsonObject room = rooms.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("id").equals(roomId)).findFirst()
                .orElseThrow(() -> new AssertionError("the private room is gone: " + rooms));
        assertTrue(room.getBoolean("private"), room.toString());
        var history = ok(200, get("/api/chat/rooms/" + roomId + "/messages", bob)).getJsonArray("messages")
                .getValuesAs(JsonObject.class).stream().map(m -> m.getString("content")).toList();
        assertEquals(List.of("deploy at 5?", "yes", "done"), history, "the room's history");
        JsonObject bobsView = ok(200, get("/api/chat/rooms", bob)).getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("id").equals(roomId)).findFirst().orElseThrow();
        assertEquals(1, bobsView.getInt("unreadCount"), "Bob read up to his reply: one unread");
        // The same clientId again is the first message, not a new one.
        JsonObject again = ok(201, post("/api/chat/rooms/" + roomId + "/messages", "{\"content\":\"done\",\"clientId\":\"a2\"}", alice));
        assertEquals("3", again.getString("id"), "a retry after the restart is no duplicate");

        JsonObject inbox = ok(200, get("/api/notifications", alice));
        assertEquals(3, inbox.getJsonArray("notifications").size(), inbox.toString());
        assertEquals(2, inbox.getInt("unreadCount"), inbox.toString());

        assertEquals(401, get("/api/chat/rooms", carol).statusCode(), "a signed-out session stays dead after a restart");

        try (RawStream stream = RawStream.open(node.uri("/api/events?topic=custom/restart"), Map.of("Last-Event-ID", seenEventId))) {
            var ids = new java.util.ArrayList<String>();
            while (ids.size() < missedEventIds.size()) {
                SseEvent e = stream.await(x -> x.id() != null || "reset".equals(x.event()), Duration.ofSeconds(10));
                assertNotEquals("reset", e.event(), "a resume across the restart must not reset: " + e.data());
                ids.add(e.id());
            }
            assertEquals(missedEventIds, ids, "exactly the missed events, in order");
            String live = publish(3);
            assertEquals(live, stream.await(x -> x.id() != null, Duration.ofSeconds(10)).id(), "then live ones");
        }
    }

    String signIn(String name) {
        return ok(200, post("/api/session", "{\"username\":\"" + name + "\"}", null)).getString("token");
    }

    String publish(int n) {
        return ok(200, post("/api/publish", "{\"topic\":\"custom/restart\",\"type\":\"step\",\"data\":{\"n\":" + n + "}}", PUBLISHER)).getString("id");
    }

    HttpResponse<String> post(String path, String body, String bearer) {
        var headers = new HashMap<String, String>();
        if (body != null) headers.put("Content-Type", "application/json");
        if (bearer != null) headers.put("Authorization", "Bearer " + bearer);
        return node.send("POST", path, body, headers);
    }

    HttpResponse<String> get(String path, String bearer) {
        return node.send("GET", path, null, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    static JsonObject ok(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.request().uri() + ": " + response.body());
        return json(response.body());
    }
}
