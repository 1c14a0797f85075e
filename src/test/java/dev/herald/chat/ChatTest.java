package dev.herald.chat;

import dev.herald.hub.EventDraft;
import dev.herald.security.identity.Identity;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.herald.chat.ChatTestSupport.Fixture;
import static dev.herald.chat.ChatTestSupport.json;
import static dev.herald.chat.ChatTestSupport.problem;
import static dev.herald.chat.ChatTestSupport.text;
import static dev.herald.chat.ChatTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages, typing, unread counts and the rate limit, through the rules of chat's parts. */
class ChatTest {
    private final Fixture f = new Fixture();
    private final Identity alice = user("Alice");
    private final Identity bob = user("Bob");

    @Test
    void freshServerHasGeneralAndRandom() {
        var ids = f.chat.rooms(alice).stream().map(r -> r.getString("id")).toList();
        assertEquals(java.util.List.of("general", "random"), ids);
    }

    @Test
    void serverSetsAuthorAndTimeAndPublishesTheStoredMessage() {
        Appended a = f.chat.post(alice, "general", Json.createObjectBuilder().add("content", "  hi there \n").build());
        Message m = a.message();
        assertEquals("alice", m.userId());
        assertEquals("Alice", m.username());
        assertEquals("hi there", m.content());
        assertEquals(f.clock.millis(), m.timestamp());
        EventDraft event = f.outbox.ofType("message").get(0);
        assertEquals("chat/general", event.topic());
        assertNull(event.audience());
        assertEquals(Long.toString(m.id()), json(event.data()).getString("id"));
    }

    @Test
    void contentMustHaveOneTo4000CharactersAfterTrimming() {
        problem(400, () -> f.chat.post(alice, "general", text("   ")));
        problem(400, () -> f.chat.post(alice, "general", text("x".repeat(4001))));
        f.chat.post(alice, "general", text("x".repeat(4000)));
        problem(400, () -> f.chat.post(alice, "general", Json.createObjectBuilder().add("content", "x").add("type", "system").build()));
        assertEquals(1, f.store.history("general", null, 50).messages().size());
    }

    @Test
    void imageNeedsASafeUrl() {
        var bad = json("{\"content\":\"pic\",\"type\":\"image\",\"metadata\":{\"url\":\"javascript:alert(1)\"}}");
        problem(400, () -> f.chat.post(alice, "general", bad));
        problem(400, () -> f.chat.post(alice, "general", json("{\"content\":\"pic\",\"type\":\"file\"}")));
        var ok = json("{\"content\":\"pic\",\"type\":\"image\",\"metadata\":{\"url\":\"https://example.com/a.png\",\"width\":10}}");
        assertEquals("https://example.com/a.png", f.chat.post(alice, "general", ok).message().metadata().getString("url"));
    }

    @Test
    void clientIdMakesARetryReturnTheFirstResult() {
        Appended first = f.chat.post(alice, "general", text("once", "c-1"));
        Appended again = f.chat.post(alice, "general", text("once", "c-1"));
        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertEquals(first.message(), again.message());
        assertEquals(1, f.store.history("general", null, 50).messages().size());
        assertEquals(1, f.outbox.ofType("message").size());
        // Another user's identical client id is their own message.
        assertFalse(f.chat.post(bob, "general", text("once", "c-1")).duplicate());
    }

    @Test
    void postingFasterThanTheRateGets429AndStoresNothing() {
        for (int i = 0; i < 10; i++) f.chat.post(alice, "general", text("m" + i, "c" + i));
        f.outbox.clear();
        var refused = problem(429, () -> f.chat.post(alice, "general", text("too fast")));
        assertEquals("5", refused.headers().get("Retry-After"));
        assertEquals(10, f.store.history("general", null, 50).messages().size());
        assertTrue(f.outbox.published.isEmpty(), "a refused message published " + f.outbox.published);
        // A retry of a message already stored is not a new message: no limit applies.
        assertEquals("m3", f.chat.post(alice, "general", text("m3", "c3")).message().content());
        // Others are not held back by alice.
        f.chat.post(bob, "general", text("hello"));

        f.clock.advance(Duration.ofMillis(4999));
        problem(429, () -> f.chat.post(alice, "general", text("still too fast")));
        f.clock.advance(Duration.ofMillis(1));
        f.chat.post(alice, "general", text("allowed again"));
    }

    @Test
    void typingNotRefreshedWithinFiveSecondsEndsWithTypingStop() {
        f.chat.typing(alice, "general", true);
        assertEquals(1, f.outbox.ofType("typing_start").size());
        f.clock.advance(Duration.ofSeconds(4));
        f.chat.typing(alice, "general", true); // refresh: no second start
        assertEquals(1, f.outbox.ofType("typing_start").size());
        f.clock.advance(Duration.ofMillis(4999));
        f.chat.expireTyping();
        assertTrue(f.outbox.ofType("typing_stop").isEmpty(), "stopped before 5 s without a refresh");
        f.clock.advance(Duration.ofMillis(1));
        f.chat.expireTyping();
        f.chat.expireTyping();
        var stops = f.outbox.ofType("typing_stop");
        assertEquals(1, stops.size());
        assertEquals("alice", json(stops.get(0).data()).getString("userId"));
        assertEquals("chat/general", stops.get(0).topic());
    }

    @Test
    void sendingAMessageOrSayingSoEndsTyping() {
        f.chat.typing(alice, "general", true);
        f.chat.post(alice, "general", text("done"));
        assertEquals(1, f.outbox.ofType("typing_stop").size());
        f.chat.typing(bob, "general", true);
        f.chat.typing(bob, "general", false);
        f.chat.typing(bob, "general", false);
        assertEquals(2, f.outbox.ofType("typing_stop").size());
        f.clock.advance(Duration.ofSeconds(10));
        f.chat.expireTyping();
        assertEquals(2, f.outbox.ofType("typing_stop").size());
    }

    @Test
    void unreadCountsOthersMessagesAfterTheMarkerForMembersOnly() {
        f.chat.post(bob, "general", text("before alice joined"));
        f.chat.join(alice, "general", Optional.empty());
        f.chat.join(bob, "general", Optional.empty());
        assertEquals(0, unread(alice), "history before joining is not unread");
        String first = f.chat.post(bob, "general", text("one")).message().id() + "";
        f.chat.post(bob, "general", text("two"));
        f.chat.post(bob, "general", text("three"));
        assertEquals(3, unread(alice));
        assertEquals(0, unread(bob), "own messages are read");
        assertEquals(0, view(user("Carol")).getInt("unreadCount"), "not a member: nothing unread");

        var read = f.chat.read(alice, "general", Json.createObjectBuilder().add("lastReadId", first).build());
        assertEquals(2, read.getInt("unreadCount"));
        f.chat.read(alice, "general", Json.createObjectBuilder().add("lastReadId", "1").build());
        assertEquals(2, unread(alice), "a read marker never moves back");
        problem(400, () -> f.chat.read(alice, "general", Json.createObjectBuilder().add("lastReadId", "999").build()));
        problem(400, () -> f.chat.read(alice, "general", Json.createObjectBuilder().add("lastReadId", "abc").build()));

        f.chat.join(user("Dave"), "general", Optional.empty()); // "Dave joined" is not news
        assertEquals(2, unread(alice));
        String last = f.store.latest("general").orElseThrow().id() + "";
        f.chat.read(alice, "general", Json.createObjectBuilder().add("lastReadId", last).build());
        assertEquals(0, unread(alice));
    }

    @Test
    void eachUsersRoomUpdateCarriesTheirOwnCountAndGoesOnlyToThem() {
        f.chat.join(alice, "general", Optional.empty());
        f.chat.join(bob, "general", Optional.empty());
        f.outbox.clear();
        f.chat.post(bob, "general", text("hi"));
        var updates = f.outbox.ofType("room_updated");
        var toAlice = updates.stream().filter(d -> "alice".equals(d.audience())).toList();
        var toBob = updates.stream().filter(d -> "bob".equals(d.audience())).toList();
        assertEquals(1, toAlice.size());
        assertEquals(1, toBob.size());
        assertTrue(updates.stream().allMatch(d -> d.audience() != null && d.topic().equals("rooms")));
        assertEquals(1, json(toAlice.get(0).data()).getInt("unreadCount"));
        assertEquals(0, json(toBob.get(0).data()).getInt("unreadCount"));
        assertEquals("hi", json(toAlice.get(0).data()).getJsonObject("lastMessage").getString("content"));
    }

    @Test
    void roomsListSnapshotIsPerUser() {
        f.chat.join(alice, "general", Optional.empty());
        f.chat.post(bob, "general", text("hi"));
        var rooms = f.chat.roomsList("alice").getJsonArray("rooms");
        assertEquals(1, rooms.getJsonObject(0).getInt("unreadCount"));
        assertEquals(0, f.chat.roomsList("bob").getJsonArray("rooms").getJsonObject(0).getInt("unreadCount"));
    }

    /** api.md's room view: an empty default room says so with nulls; a message leaves out what it has not. */
    @Test
    void theWireFormKeepsItsNullsAndLeavesOutTheAbsent() {
        var room = view(alice);
        assertEquals(jakarta.json.JsonValue.NULL, room.get("createdBy"));
        assertEquals(jakarta.json.JsonValue.NULL, room.get("lastMessage"));
        assertTrue(room.getBoolean("member") || !room.getBoolean("private"));
        f.chat.post(alice, "general", text("hi"));
        var message = view(alice).getJsonObject("lastMessage");
        assertEquals(java.util.Set.of("id", "roomId", "userId", "username", "content", "type", "timestamp"), message.keySet());
        assertEquals(jakarta.json.JsonValue.ValueType.STRING, message.get("id").getValueType());
        assertEquals("text", message.getString("type"));
    }

    @Test
    void joinAndLeaveFanOutAndLeaveAHistoryLine() {
        f.chat.join(alice, "random", Optional.empty());
        f.chat.join(alice, "random", Optional.empty()); // already a member: nothing happens
        assertEquals(1, f.outbox.ofType("user_joined").size());
        f.chat.leave(alice, "random");
        assertEquals(1, f.outbox.ofType("user_left").size());
        var lines = f.store.history("random", null, 10).messages().stream().map(Message::content).toList();
        assertEquals(java.util.List.of("Alice joined", "Alice left"), lines);
        assertTrue(f.store.history("random", null, 10).messages().stream().allMatch(m -> m.type() == MessageType.SYSTEM));
    }

    @Test
    void presenceCountsUsersWithAStreamOnTheRoom() {
        f.chat.streamOpened("general", "alice");
        f.chat.streamOpened("general", "alice"); // a second tab
        f.chat.streamOpened("general", "bob");
        assertEquals(2, f.chat.presence(alice, "general").getInt("count"));
        f.chat.streamClosed("general", "alice");
        assertEquals(2, f.chat.presence(alice, "general").getInt("count"), "alice still has a tab open");
        f.chat.streamClosed("general", "alice");
        var p = f.chat.presence(alice, "general");
        assertEquals(1, p.getInt("count"));
        assertEquals("bob", p.getJsonArray("online").getJsonObject(0).getString("userId"));
        assertTrue(p.containsKey("lastEventId"));
    }

    @Test
    void roomCreationIsAnnouncedWithoutNamingPrivateRooms() {
        var pub = f.chat.createRoom(alice, json("{\"name\":\"Design Team!\"}"));
        assertEquals("design-team", pub.getString("id"));
        var again = f.chat.createRoom(bob, json("{\"name\":\"design team\"}"));
        assertEquals("design-team-2", again.getString("id"));
        f.chat.createRoom(alice, json("{\"name\":\"Secret Plans\",\"private\":true,\"members\":[\"Bob\"]}"));
        assertEquals(3, f.outbox.system.size());
        assertTrue(f.outbox.system.get(0).startsWith("room_created:Alice created #Design Team!"));
        assertFalse(f.outbox.system.get(2).toLowerCase().contains("secret"), f.outbox.system.get(2));
    }

    private int unread(Identity who) {
        return view(who).getInt("unreadCount");
    }

    private jakarta.json.JsonObject view(Identity who) {
        return f.chat.rooms(who).stream().filter(r -> r.getString("id").equals("general")).findFirst().orElseThrow();
    }
}
