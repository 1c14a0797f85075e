package dev.herald.chat;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Where a user's read marker stands in a room after {@code POST …/read}. */
@JsonbPropertyOrder({"roomId", "lastReadId", "unreadCount"})
public record ReadState(String roomId, String lastReadId, int unreadCount) {
}
