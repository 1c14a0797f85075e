package dev.herald.chat;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where chat state lives: rooms, membership, history, read markers and the names
 * of the users chat has seen. {@link MemoryChatStore} keeps it in this JVM; a Redis
 * store will share it between nodes. Every method is atomic on its own; the rules
 * (who may do what) are those of {@link Chat}'s parts.
 */
public interface ChatStore {

    /** Every room, in creation order. */
    List<Room> rooms();

    Optional<Room> room(String roomId);

    /**
     * Creates a room whose id is {@code slug}, or {@code slug-2}, {@code slug-3}… when
     * taken: two rooms may share a name but never an id.
     */
    Room createRoom(String slug, String name, boolean isPrivate, String createdBy, Set<String> members, long now);

    /**
     * Creates the public room {@code id} unless it exists: the default rooms, which
     * nodes starting together must not create twice.
     */
    Room ensureRoom(String id, String name, long now);

    /** @return the room after the change, or empty when the user was already a member */
    Optional<Room> addMember(String roomId, String userId);

    /** @return the room after the change, or empty when the user was not a member */
    Optional<Room> removeMember(String roomId, String userId);

    /**
     * Stores a message with the next id of its room. A draft whose {@code (userId,
     * clientId)} was stored before is not stored again: the first message comes back,
     * marked duplicate.
     */
    Appended append(MessageDraft draft, long now);

    /** The message a client id already produced, if any. */
    Optional<Message> byClientId(String roomId, String userId, String clientId);

    /** Up to {@code limit} messages older than {@code beforeId} (newest when null). */
    HistoryPage history(String roomId, Long beforeId, int limit);

    Optional<Message> latest(String roomId);

    /** Moves the user's read marker forward to {@code messageId} (never back); returns the marker now. */
    long markRead(String roomId, String userId, long messageId);

    /** Messages after the user's read marker that count as unread. */
    int unreadCount(String roomId, String userId);

    /** Remembers a user's display name, so presence and fan-out can name them. */
    void rememberUser(String userId, String username);

    Optional<String> username(String userId);

    /** Everyone chat has seen: who a public room's {@code room_updated} goes to. */
    Collection<String> knownUsers();
}
