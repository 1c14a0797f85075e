package dev.herald.notify;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A notification as clients see it (docs/api.md, "notification"): {@code userId},
 * {@code actionUrl} and {@code actionLabel} always present, null when unset; {@code read} only
 * in a user's own view of it, left out of the live event that every user shares.
 */
@JsonbPropertyOrder({"id", "title", "message", "type", "timestamp", "autoRemove", "duration", "userId", "actionUrl",
        "actionLabel", "read"})
public record NotificationView(String id, String title, String message, String type, long timestamp, boolean autoRemove,
                               long duration, String userId, String actionUrl, String actionLabel,
                               @JsonbNillable(false) Boolean read) {

    /** @param read the viewer's read state, or null where it has none (the live event, shared by all) */
    public static NotificationView of(Notification n, Boolean read) {
        NotificationDraft d = n.draft();
        return new NotificationView(n.id(), d.title(), d.message(), d.type().wire(), n.timestamp(), d.autoRemove(),
                d.duration(), d.userId(), d.actionUrl(), d.actionLabel(), read);
    }
}
