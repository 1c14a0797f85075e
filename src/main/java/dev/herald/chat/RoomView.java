package dev.herald.chat;

import dev.herald.http.JsonOut;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A room as one user sees it: whether they are a member, and their own unread count.
 * {@code createdBy} (null for the default rooms) and {@code lastMessage} (null in an empty
 * room) are always present ({@link dev.herald.http.JsonOut} writes nulls).
 */
@JsonbPropertyOrder({"id", "name", "isPrivate", "member", "memberCount", "online", "unreadCount", "createdAt", "createdBy",
        "lastMessage"})
public record RoomView(String id, String name, @JsonbProperty("private") boolean isPrivate, boolean member, int memberCount,
                       int online, int unreadCount, long createdAt, String createdBy, MessageView lastMessage) {
}
