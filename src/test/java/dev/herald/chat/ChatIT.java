package dev.herald.chat;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chat over real HTTP: two users talking, a private room's outsider, history paging, retries, the rate limit. */
@ExtendWith(SharedNode.class)
class ChatIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, String> auth(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String createRoom(String token, String body) {
        var r = Api.postJson("/api/chat/rooms", body, token);
        assertEquals(201, r.statusCode(), r.body());
        return Api.json(r.body()).getString("id");
    }

    private static HttpResponse<String> post(String token, String room, String content, String clientId) {
        String body = "{\"content\":\"" + content + "\"" + (clientId == null ? "" : ",\"clientId\":\"" + clientId + "\"") + "}";
        return Api.postJson("/api/chat/rooms/" + room + "/messages", body, token);
    }

    private static RawStream stream(String token, String... topics) {
        var query = new StringBuilder("/api/events?heartbeat=comment");
        for (String t : topics) query.append("&topic=").append(t);
        var s = RawStream.open(query.toString(), auth(token));
        s.next(WAIT); // retry:
        return s;
    }

    private static SseEvent awaitType(RawStream s, String type, String field, String value) {
        return s.await(e -> type.equals(e.event()) && value.equals(e.json().getJsonObject("data").getString(field, null)), WAIT);
    }

    @Test
    void twoUsersSeeEachOthersMessagesAndTyping() {
        String alice = Api.signIn(unique("alice"));
        String bob = Api.signIn(unique("bob"));
        String room = createRoom(alice, "{\"name\":\"" + unique("talk") + "\"}");
        try (var aliceStream = stream(alice, "chat/" + room); var bobStream = stream(bob, "chat/" + room)) {
            var sent = post(alice, room, "hello bob", null);
            assertEquals(201, sent.statusCode(), sent.body());
            String id = Api.json(sent.body()).getString("id");
            SseEvent atBob = awaitType(bobStream, "message", "content", "hello bob");
            assertEquals(id, atBob.json().getJsonObject("data").getString("id"));
            assertTrue(atBob.json().getJsonObject("data").getString("username").startsWith("alice-"));

            assertEquals(201, post(bob, room, "hi alice", null).statusCode());
            awaitType(aliceStream, "message", "content", "hi alice");

            assertEquals(204, Api.postJson("/api/chat/rooms/" + room + "/typing", "{\"typing\":true}", alice).statusCode());
            SseEvent start = bobStream.await(e -> "typing_start".equals(e.event()), WAIT);
            String aliceId = start.json().getJsonObject("data").getString("userId");
            assertTrue(aliceId.startsWith("alice-"), start.data());
            assertEquals(204, Api.postJson("/api/chat/rooms/" + room + "/typing", "{\"typing\":false}", alice).statusCode());
            awaitType(bobStream, "typing_stop", "userId", aliceId);
        }
    }

    @Test
    void typingEndsByItselfAfterFiveSeconds() {
        String alice = Api.signIn(unique("alice"));
        String bob = Api.signIn(unique("bob"));
        try (var bobStream = stream(bob, "chat/general")) {
            long at = System.nanoTime();
            Api.postJson("/api/chat/rooms/general/typing", "{\"typing\":true}", alice);
            String aliceId = bobStream.await(e -> "typing_start".equals(e.event()), WAIT).json().getJsonObject("data").getString("userId");
            awaitType(bobStream, "typing_stop", "userId", aliceId);
            long millis = (System.nanoTime() - at) / 1_000_000;
            assertTrue(millis >= 4900 && millis < 7000, "typing_stop after " + millis + " ms");
        }
    }

    @Test
    void nonMemberOfAPrivateRoomGets403OnHistoryPostTypingAndStream() {
        String alice = Api.signIn(unique("alice"));
        String carol = Api.signIn(unique("carol"));
        String room = createRoom(alice, "{\"name\":\"" + unique("secret") + "\",\"private\":true}");
        assertEquals(201, post(alice, room, "members only", null).statusCode());

        assertEquals(403, Api.get("/api/chat/rooms/" + room + "/messages", auth(carol)).statusCode());
        assertEquals(403, post(carol, room, "let me in", null).statusCode());
        assertEquals(403, Api.postJson("/api/chat/rooms/" + room + "/typing", "{\"typing\":true}", carol).statusCode());
        var streamRefused = Api.get("/api/events?topic=chat/" + room, Map.of("Authorization", "Bearer " + carol, "Accept", "text/event-stream"));
        assertEquals(403, streamRefused.statusCode());
        assertTrue(streamRefused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertFalse(Api.get("/api/chat/rooms", auth(carol)).body().contains(room), "carol lists the private room");

        assertEquals(404, Api.get("/api/events?topic=chat/" + unique("nope"), auth(carol)).statusCode());
        assertEquals(401, Api.get("/api/events?topic=chat/" + room, Map.of()).statusCode());
        assertEquals(401, Api.get("/api/events?topic=rooms", Map.of()).statusCode());
        assertEquals(401, Api.get("/api/chat/rooms/" + room + "/messages", Map.of()).statusCode());

        var history = Api.json(Api.get("/api/chat/rooms/" + room + "/messages", auth(alice)).body());
        assertEquals(1, history.getJsonArray("messages").size(), "carol's refused post was stored");
    }

    @Test
    void historyPagesAreCompleteAndOrdered() {
        String room = createRoom(Api.signIn(unique("owner")), "{\"name\":\"" + unique("history") + "\"}");
        var sent = new ArrayList<String>();
        // Three authors, nine each at most: the rate limit (10 per 5 s) stays out of it.
        String[] authors = {Api.signIn(unique("a")), Api.signIn(unique("b")), Api.signIn(unique("c"))};
        for (int i = 0; i < 25; i++) {
            var r = post(authors[i % 3], room, "m" + i, null);
            assertEquals(201, r.statusCode(), r.body());
            sent.add(Api.json(r.body()).getString("id"));
        }
        var seen = new ArrayList<String>();
        String before = null;
        int pages = 0;
        while (true) {
            var r = Api.get("/api/chat/rooms/" + room + "/messages?limit=10" + (before == null ? "" : "&before=" + before), auth(authors[0]));
            assertEquals(200, r.statusCode(), r.body());
            JsonObject page = Api.json(r.body());
            List<String> ids = page.getJsonArray("messages").getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
            seen.addAll(0, ids);
            pages++;
            if (!page.getBoolean("hasMore")) break;
            before = ids.get(0);
        }
        assertEquals(3, pages);
        assertEquals(sent, seen);
        assertEquals(400, Api.get("/api/chat/rooms/" + room + "/messages?limit=201", auth(authors[0])).statusCode());
    }

    @Test
    void aMessagePostedTwiceWithOneClientIdExistsOnce() {
        String alice = Api.signIn(unique("alice"));
        String room = createRoom(alice, "{\"name\":\"" + unique("retry") + "\"}");
        try (var s = stream(alice, "chat/" + room)) {
            var first = post(alice, room, "exactly once", "client-1");
            var second = post(alice, room, "exactly once", "client-1");
            assertEquals(201, first.statusCode());
            assertEquals(201, second.statusCode());
            assertEquals(Api.json(first.body()), Api.json(second.body()));
            var messages = Api.json(Api.get("/api/chat/rooms/" + room + "/messages", auth(alice)).body()).getJsonArray("messages");
            assertEquals(1, messages.size());
            assertEquals(1, s.events("message", 2, Duration.ofSeconds(2)).size(), "the retry was fanned out again");
        }
    }

    @Test
    void postingTooFastGets429WithRetryAfterAndStoresNothing() {
        String alice = Api.signIn(unique("alice"));
        String room = createRoom(alice, "{\"name\":\"" + unique("fast") + "\"}");
        for (int i = 0; i < 10; i++) assertEquals(201, post(alice, room, "m" + i, null).statusCode());
        var refused = post(alice, room, "one too many", null);
        assertEquals(429, refused.statusCode());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter);
        var messages = Api.json(Api.get("/api/chat/rooms/" + room + "/messages", auth(alice)).body()).getJsonArray("messages");
        assertEquals(10, messages.size());
    }

    @Test
    void roomsTopicGivesEachUserTheirOwnUnreadCount() {
        String alice = Api.signIn(unique("alice"));
        String bob = Api.signIn(unique("bob"));
        String room = createRoom(alice, "{\"name\":\"" + unique("unread") + "\",\"members\":[]}");
        assertEquals(200, Api.postJson("/api/chat/rooms/" + room + "/join", "", bob).statusCode());
        try (var bobRooms = stream(bob, "rooms"); var aliceRooms = stream(alice, "rooms")) {
            SseEvent list = bobRooms.await(e -> "rooms_list".equals(e.event()), WAIT);
            assertEquals(null, list.id(), "a snapshot moved the resume point");
            assertTrue(list.data().contains("\"" + room + "\""));

            String id = Api.json(post(alice, room, "unread for bob", null).body()).getString("id");
            SseEvent bobs = bobRooms.await(e -> "room_updated".equals(e.event()) && e.data().contains("unread for bob"), WAIT);
            assertEquals(1, bobs.json().getJsonObject("data").getInt("unreadCount"));
            SseEvent alices = aliceRooms.await(e -> "room_updated".equals(e.event()) && e.data().contains("unread for bob"), WAIT);
            assertEquals(0, alices.json().getJsonObject("data").getInt("unreadCount"));

            var read = Api.postJson("/api/chat/rooms/" + room + "/read", "{\"lastReadId\":\"" + id + "\"}", bob);
            assertEquals(200, read.statusCode(), read.body());
            SseEvent cleared = bobRooms.await(e -> "room_updated".equals(e.event())
                    && e.json().getJsonObject("data").getString("id").equals(room)
                    && e.json().getJsonObject("data").getInt("unreadCount") == 0, WAIT);
            assertTrue(cleared.id() != null);
        }
    }
}
