package dev.herald.chat;

import dev.herald.security.identity.Identity;
import jakarta.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static dev.herald.chat.ChatTestSupport.Fixture;
import static dev.herald.chat.ChatTestSupport.json;
import static dev.herald.chat.ChatTestSupport.problem;
import static dev.herald.chat.ChatTestSupport.text;
import static dev.herald.chat.ChatTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A private room of alice and bob: carol gets 403 from every endpoint and the stream, and learns nothing. */
class PrivateRoomAccessTest {
    private final Fixture f = new Fixture();
    private final Identity alice = user("Alice");
    private final Identity bob = user("Bob");
    private final Identity carol = user("Carol");
    private String room;

    @BeforeEach
    void privateRoom() {
        f.chat.rooms(carol); // carol is known to chat, so public fan-out would reach her
        room = f.chat.createRoom(alice, json("{\"name\":\"Secret\",\"private\":true,\"members\":[\"Bob\"]}")).getString("id");
        f.chat.post(bob, room, text("for members only"));
        f.chat.typing(bob, room, true);
    }

    @Test
    void membersUseEveryEndpoint() {
        assertEquals(1, f.chat.history(alice, room, null, null).messages().size());
        f.chat.post(alice, room, text("hi bob"));
        f.chat.typing(alice, room, true);
        f.chat.read(alice, room, json("{\"lastReadId\":\"1\"}"));
        f.chat.presence(alice, room);
        f.chat.checkTopic("chat/" + room, bob);
    }

    @Test
    void nonMemberGets403FromEveryEndpoint() {
        problem(403, () -> f.chat.history(carol, room, null, null));
        problem(403, () -> f.chat.post(carol, room, text("let me in")));
        problem(403, () -> f.chat.typing(carol, room, true));
        problem(403, () -> f.chat.typing(carol, room, false));
        problem(403, () -> f.chat.read(carol, room, json("{\"lastReadId\":\"1\"}")));
        problem(403, () -> f.chat.presence(carol, room));
        problem(403, () -> f.chat.join(carol, room, Optional.empty()));
        problem(403, () -> f.chat.leave(carol, room));
        assertEquals(1, f.store.history(room, null, 50).messages().size(), "carol changed the room");
    }

    @Test
    void nonMemberGets403OnTheStreamAndOutsidersGet401() {
        problem(403, () -> f.chat.checkTopic("chat/" + room, carol));
        problem(401, () -> f.chat.checkTopic("chat/" + room, null));
        problem(401, () -> f.chat.checkTopic("rooms", null));
        var publisher = new Identity("publisher", "publisher", Set.of(Identity.PUBLISHER));
        problem(403, () -> f.chat.checkTopic("rooms", publisher));
        f.chat.checkTopic("rooms", carol);
        f.chat.checkTopic("chat/general", carol);
    }

    @Test
    void unknownRoomIs404Everywhere() {
        problem(404, () -> f.chat.checkTopic("chat/nope", carol));
        problem(404, () -> f.chat.checkTopic("chat/Bad_Id", carol));
        problem(404, () -> f.chat.history(carol, "nope", null, null));
        problem(404, () -> f.chat.post(carol, "nope", text("x")));
        problem(404, () -> f.chat.typing(carol, "nope", true));
        problem(404, () -> f.chat.join(carol, "nope", Optional.empty()));
    }

    @Test
    void nonMemberNeitherListsNorHearsOfTheRoom() {
        f.outbox.clear();
        f.chat.post(alice, room, text("another"));
        f.chat.streamOpened(room, "alice");
        assertFalse(f.chat.rooms(carol).stream().anyMatch(r -> r.getString("id").equals(room)));
        assertFalse(f.chat.roomsList("carol").toString().contains(room));
        assertTrue(f.outbox.published.stream().noneMatch(d -> "carol".equals(d.audience())), f.outbox.published.toString());
        assertTrue(f.outbox.published.stream().filter(d -> d.topic().equals("rooms")).allMatch(d -> d.audience() != null));
    }

    @Test
    void onlyTheCreatorAddsMembersAndALeaverLosesAccess() {
        problem(403, () -> f.chat.join(bob, room, Optional.of("Carol")));
        f.chat.join(alice, room, Optional.of("Carol"));
        f.chat.history(carol, room, null, null);
        assertTrue(f.outbox.ofType("room_updated").stream().anyMatch(d -> "carol".equals(d.audience())));
        f.chat.leave(carol, room);
        problem(403, () -> f.chat.history(carol, room, null, null));
        var removal = f.outbox.ofType("room_updated").stream().filter(d -> "carol".equals(d.audience())).reduce((a, b) -> b).orElseThrow();
        assertTrue(json(removal.data()).getBoolean("removed"));
        problem(403, () -> f.chat.join(carol, room, Optional.empty()));
    }

    @Test
    void aPublicRoomIsOpenToEverySignedInUser() {
        f.chat.history(carol, "general", null, null);
        f.chat.post(carol, "general", Json.createObjectBuilder().add("content", "hello").build());
        f.chat.typing(carol, "general", true);
    }
}
