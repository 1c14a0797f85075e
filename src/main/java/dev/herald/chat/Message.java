package dev.herald.chat;

import jakarta.json.JsonObject;

import static dev.herald.http.Jsonp.JSON;

/**
 * A stored chat message. Every field but content, type and metadata is set by the
 * server: nobody posts as somebody else.
 *
 * @param id        increasing within the room; the id clients page and mark read by
 * @param metadata  image/file details (url, name, size, …), or null
 * @param clientId  the sender's idempotency key, or null
 */
public record Message(long id, String roomId, String userId, String username, String content, MessageType type,
                      JsonObject metadata, String clientId, long timestamp) {

    public JsonObject toJson() {
        var b = JSON.createObjectBuilder()
                .add("id", Long.toString(id))
                .add("roomId", roomId)
                .add("userId", userId)
                .add("username", username)
                .add("content", content)
                .add("type", type.wire())
                .add("timestamp", timestamp);
        if (metadata != null) b.add("metadata", metadata);
        if (clientId != null) b.add("clientId", clientId);
        return b.build();
    }

    /** Whether it counts toward unread: people's messages do, "X joined" does not. */
    public boolean countsAsUnread() {
        return type != MessageType.SYSTEM;
    }
}
