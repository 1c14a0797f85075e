package dev.herald.chat;

import dev.herald.http.ProblemException;
import dev.herald.http.Slug;
import dev.herald.security.identity.Identity;
import dev.herald.security.identity.UserIds;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The rooms and who is in them: the list each user sees, creating a room (its id a
 * {@link Slug} of its name), joining, adding a member, leaving.
 */
public final class Rooms {
    private static final Logger LOG = Logger.getLogger(Rooms.class.getName());
    private static final int MAX_ID = 48;

    private final ChatContext chat;
    private final ChatStore store;
    private final RoomAccess access;
    private final ChatFanout fanout;
    private final Messages messages;
    private final RoomActivity activity;
    private final SystemLog systemLog;
    private volatile boolean defaultRoomsReady;
    private boolean defaultRoomsDelayed;

    Rooms(ChatContext chat, Messages messages, RoomActivity activity, SystemLog systemLog) {
        this.chat = chat;
        this.store = chat.store();
        this.access = chat.access();
        this.fanout = chat.fanout();
        this.messages = messages;
        this.activity = activity;
        this.systemLog = systemLog;
        ensureDefaultRooms();
    }

    /**
     * Creates the configured public rooms where missing. A shared store may be unreachable
     * at start; chat's housekeeping ({@link Chat#sweep}) then tries again until it succeeds.
     */
    void ensureDefaultRooms() {
        if (defaultRoomsReady) return;
        try {
            for (String name : chat.settings().defaultRooms()) store.ensureRoom(id(name), name, chat.clock().millis());
            defaultRoomsReady = true;
        } catch (RuntimeException e) {
            if (!defaultRoomsDelayed) LOG.warning(() -> "default rooms not created yet, retrying: " + e.getMessage());
            defaultRoomsDelayed = true;
        }
    }

    public List<RoomView> rooms(Identity who) {
        access.remember(who);
        return roomsList(who.id()).rooms();
    }

    /** The {@code rooms_list} snapshot of one user. */
    public RoomList roomsList(String userId) {
        return fanout.roomsList(userId);
    }

    public RoomView createRoom(Identity who, NewRoom asked) {
        access.remember(who);
        Room room = store.createRoom(id(asked.name()), asked.name(), asked.isPrivate(), who.id(), asked.members(), chat.clock().millis());
        // A private room's name is its members' business: the public events topic only learns one was made.
        systemLog.record("room_created", "info",
                room.isPrivate() ? who.name() + " created a private room" : who.name() + " created #" + room.name(),
                room.isPrivate() ? Map.of("private", "true") : Map.of("roomId", room.id(), "private", "false"));
        fanout.roomUpdated(room);
        return fanout.view(room, who.id());
    }

    /** Joins the caller, or with {@code userId} adds somebody else (the room's creator only). */
    public RoomView join(Identity who, String roomId, Optional<String> userId) {
        access.remember(who);
        Room room = access.visibleRoom(who, roomId);
        String target = userId.map(UserIds::fromName).orElse(who.id());
        if (!target.equals(who.id()) && !who.id().equals(room.createdBy())) {
            throw ProblemException.forbidden("only the room's creator may add members");
        }
        Optional<Room> changed = store.addMember(roomId, target);
        if (changed.isPresent()) {
            room = changed.get();
            String name = store.username(target).orElse(target);
            fanout.membership(room, target, name, true);
            messages.postSystem(room, target, name, name + " joined");
            fanout.roomUpdated(room);
        }
        return fanout.view(room, who.id());
    }

    public RoomView leave(Identity who, String roomId) {
        access.remember(who);
        Room room = access.visibleRoom(who, roomId);
        Optional<Room> changed = store.removeMember(roomId, who.id());
        if (changed.isPresent()) {
            room = changed.get();
            activity.stopTyping(roomId, who.id());
            fanout.membership(room, who.id(), who.name(), false);
            messages.postSystem(room, who.id(), who.name(), who.name() + " left");
            fanout.roomUpdated(room);
            if (room.isPrivate()) {
                fanout.roomRemoved(roomId, who.id());
                chat.outbox().revoke(who.id(), ChatTopics.of(roomId));
            }
        }
        return fanout.view(room, who.id());
    }

    /** A room id from its name: "Design Team!" → "design-team"; a name of no letters or digits → "room". */
    static String id(String name) {
        String slug = Slug.of(name, MAX_ID);
        return slug.isEmpty() ? "room" : slug;
    }
}
