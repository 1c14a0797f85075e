package dev.herald.notify;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import static dev.herald.http.Jsonp.JSON;

/**
 * A stored notification. The same value for every user it reaches; whether a user
 * has read it is theirs alone, so it is added per view ({@link #json(Boolean)}).
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

    /** @param read the viewer's read state, or null where it has none (the live event, shared by all) */
    public JsonObject json(Boolean read) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", id)
                .add("title", draft.title())
                .add("message", draft.message())
                .add("type", draft.type().wire())
                .add("timestamp", timestamp)
                .add("autoRemove", draft.autoRemove())
                .add("duration", draft.duration());
        nullable(b, "userId", draft.userId());
        nullable(b, "actionUrl", draft.actionUrl());
        nullable(b, "actionLabel", draft.actionLabel());
        if (read != null) b.add("read", read);
        return b.build();
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) b.addNull(name);
        else b.add(name, value);
    }
}
