package dev.herald.chat;

import dev.herald.http.JsonOut;
import dev.herald.hub.EventDraft;

import java.util.LinkedHashSet;
import java.util.Set;

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
        outbox.publish(EventDraft.of(ChatTopics.of(m.roomId()), "message", JsonOut.of(MessageView.of(m))));
    }

    void typing(Typist who, boolean started) {
        outbox.publish(EventDraft.of(ChatTopics.of(who.roomId()), started ? TYPING_START : TYPING_STOP, JsonOut.of(who)));
    }

    void membership(Room room, String userId, String username, boolean joined) {
        var data = new RoomEvents.Membership(room.id(), userId, username, room.members().size());
        outbox.publish(EventDraft.of(ChatTopics.of(room.id()), joined ? "user_joined" : "user_left", JsonOut.of(data)));
    }

    /** The room's new state to everyone who can see it, each with their own unread count. */
    void roomUpdated(Room room) {
        for (String userId : audience(room)) roomUpdated(room, userId);
    }

    void roomUpdated(Room room, String userId) {
        outbox.publish(EventDraft.of(ChatTopics.ROOMS, "room_updated", JsonOut.of(view(room, userId))).to(userId));
    }

    /** Tells a user a room left their list (they left a private room). */
    void roomRemoved(String roomId, String userId) {
        outbox.publish(EventDraft.of(ChatTopics.ROOMS, "room_updated", JsonOut.of(new RoomEvents.Removed(roomId, true))).to(userId));
    }

    /** The rooms one user sees, each as they see it. */
    RoomList roomsList(String userId) {
        return new RoomList(store.rooms().stream().filter(r -> r.visibleTo(userId)).map(r -> view(r, userId)).toList());
    }

    RoomView view(Room room, String userId) {
        boolean member = room.hasMember(userId);
        return new RoomView(room.id(), room.name(), room.isPrivate(), member, room.members().size(),
                presence.onlineCount(room.id()), member ? store.unreadCount(room.id(), userId) : 0, room.createdAt(),
                room.createdBy(), store.latest(room.id()).map(MessageView::of).orElse(null));
    }

    /** Who sees a room in their list: its members, and for a public room everyone chat knows. */
    private Set<String> audience(Room room) {
        var users = new LinkedHashSet<>(room.members());
        if (!room.isPrivate()) users.addAll(store.knownUsers());
        return users;
    }
}
