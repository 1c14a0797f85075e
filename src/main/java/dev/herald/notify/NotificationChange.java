package dev.herald.notify;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * What a read or a removal changed: the answer to the request and the data of the
 * {@code notification_read} / {@code notification_removed} event the user's other tabs get.
 *
 * @param ids         the notifications it changed (none: nothing is announced)
 * @param all         whether it was the read-all or remove-all
 * @param unreadCount the user's unread count after it
 */
@JsonbPropertyOrder({"ids", "all", "unreadCount"})
public record NotificationChange(List<String> ids, boolean all, int unreadCount) {

    public NotificationChange {
        ids = List.copyOf(ids);
    }
}
