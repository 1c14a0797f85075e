package dev.herald.notify;

/** {@code GET /api/notifications/unread-count}. */
public record UnreadCount(int unreadCount) {
}
