package dev.herald.notify;

/**
 * A stored notification. The same value for every user it reaches; whether a user
 * has read it is theirs alone, so it is added per view ({@link NotificationView}).
 *
 * @param id        opaque to clients; the store's order (larger is newer)
 * @param timestamp epoch milliseconds, set by the server
 */
public record Notification(String id, long timestamp, NotificationDraft draft) {

    public String userId() {
        return draft.userId();
    }

    public boolean isBroadcast() {
        return draft.isBroadcast();
    }
}
