package dev.herald.notify;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notifications over real HTTP: who receives what, live, in replay and over REST, and tabs kept in step. */
@ExtendWith(SharedNode.class)
class NotificationsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String STREAM = "/api/events?topic=notifications";

    /** A user nobody else in the run has: their notifications are only what the test sends. */
    private record User(String id, String token) {
        static User fresh(String name) {
            String username = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            String token = Api.signIn(username);
            return new User(Api.json(Api.get("/api/session", Map.of("Authorization", "Bearer " + token)).body())
                    .getJsonObject("user").getString("id"), token);
        }

        Map<String, String> auth() {
            return Map.of("Authorization", "Bearer " + token);
        }

        RawStream stream(Map<String, String> extra) {
            var headers = new java.util.HashMap<>(auth());
            headers.putAll(extra);
            var s = RawStream.open(STREAM, headers);
            s.next(WAIT); // retry: the stream is registered from here on
            return s;
        }

        RawStream stream() {
            return stream(Map.of());
        }

        HttpResponse<String> call(String method, String path) {
            return Api.send(method, path, null, auth());
        }

        JsonObject list(String query) {
            var r = call("GET", "/api/notifications" + query);
            assertEquals(200, r.statusCode(), r.body());
            return Api.json(r.body());
        }

        List<String> titles() {
            return list("?limit=100").getJsonArray("notifications").stream()
                    .map(v -> v.asJsonObject().getString("title")).toList();
        }

        int unreadCount() {
            return Api.json(call("GET", "/api/notifications/unread-count").body()).getInt("unreadCount");
        }
    }

    private static JsonObject send(String title, String userId) {
        var body = Json.createObjectBuilder().add("title", title).add("message", "message of " + title).add("type", "info");
        if (userId != null) body.add("userId", userId);
        var r = Api.postJson("/api/notifications", body.build().toString(), Api.PUBLISHER_TOKEN);
        assertEquals(201, r.statusCode(), r.body());
        return Api.json(r.body());
    }

    private static SseEvent awaitNotification(RawStream stream, String title) {
        return stream.await(e -> "notification".equals(e.event()) && title.equals(e.json().getJsonObject("data").getString("title")), WAIT);
    }

    /** The next notification event, skipping heartbeats: proves nothing arrived before it. */
    private static SseEvent nextNotification(RawStream stream) {
        return stream.await(e -> e.event() != null && e.event().startsWith("notification"), WAIT);
    }

    private static String title(SseEvent e) {
        return e.json().getJsonObject("data").getString("title");
    }

    @Test
    void aTargetedNotificationReachesOnlyItsUserLiveInReplayAndOverRest() {
        var alice = User.fresh("alice");
        var bob = User.fresh("bob");
        alice.call("POST", "/api/notifications/read-all"); // broadcasts of earlier tests
        try (var aliceStream = alice.stream(); var bobStream = bob.stream()) {
            String secret = "for alice " + UUID.randomUUID();
            var sent = send(secret, alice.id());
            assertEquals(alice.id(), sent.getString("userId"));
            var got = awaitNotification(aliceStream, secret);
            assertNotNull(got.id(), "retained, so it can be resumed from");
            var data = got.json().getJsonObject("data");
            assertEquals(sent.getString("id"), data.getString("id"));
            assertEquals("info", data.getString("type"));
            assertTrue(data.getBoolean("autoRemove"));
            assertEquals(5000, data.getInt("duration"));

            String marker = "marker " + UUID.randomUUID();
            send(marker, bob.id());
            assertEquals(marker, title(nextNotification(bobStream)), "bob's stream got something before his own marker");
        }
        // Replay: bob resumes from before alice's notification and gets only his own.
        String bobsLastEventId;
        try (var bobStream = bob.stream()) {
            String marker = "m2 " + UUID.randomUUID();
            send(marker, bob.id());
            bobsLastEventId = awaitNotification(bobStream, marker).id();
        }
        String secretAfter = "alice again " + UUID.randomUUID();
        send(secretAfter, alice.id());
        String marker3 = "m3 " + UUID.randomUUID();
        send(marker3, bob.id());
        try (var replay = bob.stream(Map.of("Last-Event-ID", bobsLastEventId))) {
            assertEquals(marker3, title(nextNotification(replay)), "replay carried alice's notification to bob");
        }
        // REST: bob neither lists nor touches alice's.
        assertFalse(bob.titles().stream().anyMatch(t -> t.startsWith("for alice") || t.startsWith("alice again")), bob.titles().toString());
        String alicesId = alice.list("").getJsonArray("notifications").getJsonObject(0).getString("id");
        assertEquals(404, bob.call("POST", "/api/notifications/" + alicesId + "/read").statusCode());
        assertEquals(404, bob.call("DELETE", "/api/notifications/" + alicesId).statusCode());
        assertEquals(2, alice.unreadCount(), "bob's attempts changed nothing of alice's");
        assertTrue(alice.titles().contains(secretAfter));
    }

    @Test
    void aBroadcastReachesEverySignedInUser() {
        var alice = User.fresh("alice");
        var bob = User.fresh("bob");
        try (var a = alice.stream(); var b = bob.stream()) {
            String title = "all hands " + UUID.randomUUID();
            var sent = send(title, null);
            assertTrue(sent.isNull("userId"));
            assertEquals(sent.getString("id"), awaitNotification(a, title).json().getJsonObject("data").getString("id"));
            awaitNotification(b, title);
        }
        var listed = bob.list("?limit=100").getJsonArray("notifications").stream()
                .map(JsonObject.class::cast).filter(n -> n.getString("title").startsWith("all hands")).findFirst().orElseThrow();
        assertFalse(listed.getBoolean("read"));
    }

    @Test
    void readAndRemoveInOneTabShowOnTheUsersOtherStreamsOnly() {
        var alice = User.fresh("alice");
        var bob = User.fresh("bob");
        alice.call("POST", "/api/notifications/read-all");
        try (var tab1 = alice.stream(); var tab2 = alice.stream(); var bobs = bob.stream()) {
            String title = "shared " + UUID.randomUUID();
            String id = send(title, null).getString("id");
            awaitNotification(tab1, title);
            awaitNotification(tab2, title);
            awaitNotification(bobs, title);
            int unread = alice.unreadCount();

            var r = alice.call("POST", "/api/notifications/" + id + "/read");
            assertEquals(200, r.statusCode(), r.body());
            SseEvent read = nextNotification(tab2);
            assertEquals("notification_read", read.event());
            var data = read.json().getJsonObject("data");
            assertEquals(List.of(id), data.getJsonArray("ids").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals(unread - 1, data.getInt("unreadCount"));
            assertEquals("notification_read", nextNotification(tab1).event());

            assertEquals(200, alice.call("DELETE", "/api/notifications/" + id).statusCode());
            SseEvent removed = nextNotification(tab2);
            assertEquals("notification_removed", removed.event());
            assertEquals(id, removed.json().getJsonObject("data").getJsonArray("ids").getString(0));
            assertFalse(alice.titles().contains(title));

            String marker = "marker " + UUID.randomUUID();
            send(marker, bob.id());
            assertEquals(marker, title(nextNotification(bobs)), "alice's read and remove reached bob");
            assertTrue(bob.titles().contains(title), "the broadcast is still bob's");
        }
    }

    @Test
    void readAllAndClearAllAreMirroredAndCounted() {
        var alice = User.fresh("alice");
        alice.call("DELETE", "/api/notifications");
        send("one", alice.id());
        send("two", alice.id());
        assertEquals(2, alice.unreadCount());
        assertEquals(List.of("two", "one"), alice.titles());
        assertEquals(List.of("two"), alice.list("?limit=1").getJsonArray("notifications").stream()
                .map(v -> v.asJsonObject().getString("title")).toList());
        assertTrue(alice.list("?limit=1").getBoolean("hasMore"));
        try (var tab = alice.stream()) {
            assertEquals(200, alice.call("POST", "/api/notifications/read-all").statusCode());
            var read = nextNotification(tab);
            assertEquals("notification_read", read.event());
            assertTrue(read.json().getJsonObject("data").getBoolean("all"));
            assertEquals(0, read.json().getJsonObject("data").getInt("unreadCount"));
            assertEquals(0, alice.unreadCount());
            assertEquals(0, alice.list("?unread=true").getJsonArray("notifications").size());

            assertEquals(200, alice.call("DELETE", "/api/notifications").statusCode());
            assertEquals("notification_removed", nextNotification(tab).event());
            assertEquals(List.of(), alice.titles());
        }
    }

    @Test
    void onlyPublishersSendAndOnlyUsersReadTheirOwn() {
        String body = "{\"title\":\"t\",\"message\":\"m\",\"type\":\"info\"}";
        var alice = User.fresh("alice");
        assertEquals(401, Api.postJson("/api/notifications", body, null).statusCode());
        var asUser = Api.postJson("/api/notifications", body, alice.token());
        assertEquals(403, asUser.statusCode());
        assertTrue(asUser.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(401, Api.get("/api/notifications", Map.of()).statusCode());
        assertEquals(401, Api.get("/api/notifications/unread-count", Map.of()).statusCode());
        assertEquals(401, Api.send("POST", "/api/notifications/read-all", null, Map.of()).statusCode());
        assertEquals(401, Api.send("DELETE", "/api/notifications", null, Map.of()).statusCode());
        assertEquals(403, Api.get("/api/notifications", Map.of("Authorization", "Bearer " + Api.PUBLISHER_TOKEN)).statusCode());
        assertEquals(401, Api.get(STREAM, Map.of()).statusCode(), "the topic needs a signed-in user");
        assertEquals(403, Api.get(STREAM, Map.of("Authorization", "Bearer " + Api.PUBLISHER_TOKEN)).statusCode());
    }

    @Test
    void invalidNotificationsAreRefusedWithTheFieldAndNotSent() {
        var alice = User.fresh("alice");
        try (var tab = alice.stream()) {
            for (var bad : Map.of(
                    "{\"title\":\"t\",\"message\":\"m\",\"type\":\"fatal\"}", "type",
                    "{\"title\":\"t\",\"message\":\"m\",\"type\":\"info\",\"actionUrl\":\"javascript:alert(1)\"}", "actionUrl",
                    "{\"title\":\"t\",\"message\":\"m\",\"type\":\"info\",\"duration\":100}", "duration",
                    "{\"title\":\"t\",\"message\":\"m\",\"type\":\"info\",\"colour\":\"red\"}", "colour").entrySet()) {
                var r = Api.postJson("/api/notifications", bad.getKey(), Api.PUBLISHER_TOKEN);
                assertEquals(400, r.statusCode(), bad.getKey());
                assertEquals(bad.getValue(), Api.json(r.body()).getString("field"));
            }
            String marker = "valid " + UUID.randomUUID();
            send(marker, alice.id());
            assertEquals(marker, title(nextNotification(tab)), "a refused notification was sent anyway");
        }
    }

    @Test
    void unknownIdsAndBadQueriesAreProblems() {
        var alice = User.fresh("alice");
        assertEquals(404, alice.call("POST", "/api/notifications/999999999/read").statusCode());
        assertEquals(404, alice.call("DELETE", "/api/notifications/nope").statusCode());
        assertEquals(400, alice.call("GET", "/api/notifications?limit=0").statusCode());
        assertEquals(400, alice.call("GET", "/api/notifications?unread=maybe").statusCode());
    }
}
