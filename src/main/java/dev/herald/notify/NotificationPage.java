package dev.herald.notify;

import java.util.List;

/** One page of a user's notifications, newest first; {@code hasMore}: older ones follow. */
public record NotificationPage(List<UserNotification> items, boolean hasMore) {
    public NotificationPage {
        items = List.copyOf(items);
    }
}
