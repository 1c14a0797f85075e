package dev.herald.chat;

import jakarta.json.JsonObject;

/**
 * A stored chat message. Every field but content, type and metadata is set by the
 * server: nobody posts as somebody else. Clients see it as a {@link MessageView}.
 *
 * @param id        increasing within the room; the id clients page and mark read by
 * @param metadata  image/file details (url, name, size, …), or null
 * @param clientId  the sender's idempotency key, or null
 */
public record Message(long id, String roomId, String userId, String username, String content, MessageType type,
                      JsonObject metadata, String clientId, long timestamp) {

    /** Whether it counts toward unread: people's messages do, "X joined" does not. */
    public boolean countsAsUnread() {
        return type != MessageType.SYSTEM;
    }
}
