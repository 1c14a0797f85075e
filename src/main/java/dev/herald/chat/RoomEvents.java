package dev.herald.chat;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The data of chat's events other than messages and room views (docs/api.md, "chat/{roomId}" and "rooms"). */
final class RoomEvents {
    private RoomEvents() {
    }

    /** {@code user_joined}, {@code user_left}. */
    @JsonbPropertyOrder({"roomId", "userId", "username", "memberCount"})
    public record Membership(String roomId, String userId, String username, int memberCount) {
    }

    /** {@code room_updated} telling a user that a room left their list. */
    @JsonbPropertyOrder({"id", "removed"})
    public record Removed(String id, boolean removed) {
    }
}
