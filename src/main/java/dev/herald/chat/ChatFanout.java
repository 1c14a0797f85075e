package dev.herald.chat;

import dev.herald.hub.EventDraft;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.herald.http.Jsonp.JSON;

/**
 * Everything chat publishes, and the per-user room view those events carry. Room
 * state goes to each user on {@code rooms} addressed to that user alone, because
 * it holds their own unread count.
 */
final class ChatFanout {
    /** Who is typing: fanned out live, never retained ({@link RoomTopics#volatileTypes}). */
    static final String TYPING_START = "typing_start";
    static final String TYPING_STOP = "typing_stop";

    private final ChatStore store;
    private final Presence presence;
    private final ChatOutbox outbox;

    ChatFanout(ChatStore store, Presence presence, ChatOutbox outbox) {
        this.store = store;
        this.presence = presence;
        this.outbox = outbox;
    }

    void message(Message m) {
        outbox.publish(EventDraft.of(ChatTopics.of(m.roomId()), "message", m.toJson().toString()));
    }

    void typing(Typist who, boolean started) {
        String data = JSON.createObjectBuilder().add("roomId", who.roomId()).add("userId", who.userId())
                .add("username", who.username()).build().toString();
        outbox.publish(EventDraft.of(ChatTopics.of(who.roomId()), started ? TYPING_START : TYPING_STOP, data));
    }

    void membership(Room room, String userId, String username, boolean joined) {
        String data = JSON.createObjectBuilder().add("roomId", room.id()).add("userId", userId)
                .add("username", username).add("memberCount", room.members().size()).build().toString();
        outbox.publish(EventDraft.of(ChatTopics.of(room.id()), joined ? "user_joined" : "user_left", data));
    }

    /** The room's new state to everyone who can see it, each with their own unread count. */
    void roomUpdated(Room room) {
        for (String userId : audience(room)) roomUpdated(room, userId);
    }

    void roomUpdated(Room room, String userId) {
        outbox.publish(EventDraft.of(ChatTopics.ROOMS, "room_updated", view(room, userId).toString()).to(userId));
    }

    /** Tells a user a room left their list (they left a private room). */
    void roomRemoved(String roomId, String userId) {
        String data = JSON.createObjectBuilder().add("id", roomId).add("removed", true).build().toString();
        outbox.publish(EventDraft.of(ChatTopics.ROOMS, "room_updated", data).to(userId));
    }

    /** The {@code rooms_list} snapshot of one user. */
    JsonObject roomsList(String userId) {
        var rooms = JSON.createArrayBuilder();
        for (Room room : visibleRooms(userId)) rooms.add(view(room, userId));
        return JSON.createObjectBuilder().add("rooms", rooms).build();
    }

    List<Room> visibleRooms(String userId) {
        return store.rooms().stream().filter(r -> r.visibleTo(userId)).toList();
    }

    JsonObject view(Room room, String userId) {
        boolean member = room.hasMember(userId);
        var b = JSON.createObjectBuilder()
                .add("id", room.id())
                .add("name", room.name())
                .add("private", room.isPrivate())
                .add("member", member)
                .add("memberCount", room.members().size())
                .add("online", presence.onlineCount(room.id()))
                .add("unreadCount", member ? store.unreadCount(room.id(), userId) : 0)
                .add("createdAt", room.createdAt());
        if (room.createdBy() == null) b.add("createdBy", JsonValue.NULL);
        else b.add("createdBy", room.createdBy());
        store.latest(room.id()).ifPresentOrElse(m -> b.add("lastMessage", m.toJson()), () -> b.add("lastMessage", JsonValue.NULL));
        return b.build();
    }

    /** Who sees a room in their list: its members, and for a public room everyone chat knows. */
    private Set<String> audience(Room room) {
        var users = new LinkedHashSet<>(room.members());
        if (!room.isPrivate()) users.addAll(store.knownUsers());
        return users;
    }
}
