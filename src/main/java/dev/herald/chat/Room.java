package dev.herald.chat;

import java.util.Set;

/**
 * A chat room. Public rooms are visible to every signed-in user; private rooms
 * only to their members.
 *
 * @param id        a slug of the name, unique
 * @param members   user ids; in a public room, those who joined
 */
public record Room(String id, String name, boolean isPrivate, String createdBy, long createdAt, Set<String> members) {

    public Room {
        members = Set.copyOf(members);
    }

    public boolean hasMember(String userId) {
        return members.contains(userId);
    }

    /** Whether this user may read, subscribe to, post in or type in the room. */
    public boolean visibleTo(String userId) {
        return !isPrivate || members.contains(userId);
    }
}
