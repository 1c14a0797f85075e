package dev.herald.notify;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** {@code GET /api/notifications}: a page of the user's own, newest first, and their unread count. */
@JsonbPropertyOrder({"notifications", "hasMore", "unreadCount"})
public record NotificationList(List<NotificationView> notifications, boolean hasMore, int unreadCount) {

    public NotificationList {
        notifications = List.copyOf(notifications);
    }
}
