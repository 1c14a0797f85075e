package dev.herald.notify;

import dev.herald.http.Fields;
import dev.herald.http.ProblemException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Set;

/**
 * A notification as a publisher asks for it, every field checked; the store adds
 * the id and timestamp. Invalid values throw a 400 problem naming the field, so the
 * same rules hold for the REST call and for notifications raised inside the server.
 *
 * @param userId the addressee, or null for a broadcast to every signed-in user
 */
public record NotificationDraft(String title, String message, NotificationType type, String userId,
                                String actionUrl, String actionLabel, boolean autoRemove, long duration) {
    public static final int MAX_TITLE = 200;
    public static final int MAX_MESSAGE = 2000;
    public static final int MAX_USER_ID = 200;
    public static final int MAX_ACTION_LABEL = 60;
    public static final long MIN_DURATION = 1_000;
    public static final long MAX_DURATION = 60_000;
    public static final long DEFAULT_DURATION = 5_000;
    public static final Set<String> FIELDS = Set.of("title", "message", "type", "userId", "actionUrl", "actionLabel",
            "autoRemove", "duration");

    public NotificationDraft {
        title = checkedText("title", title, MAX_TITLE);
        message = checkedText("message", message, MAX_MESSAGE);
        if (type == null) throw ProblemException.invalid("type", "is required");
        if (userId != null) userId = checkedText("userId", userId, MAX_USER_ID);
        if (actionUrl != null && !ActionUrls.isSafe(actionUrl)) {
            throw ProblemException.invalid("actionUrl", "must be an http(s) URL or a relative path");
        }
        if (actionLabel != null) {
            actionLabel = checkedText("actionLabel", actionLabel, MAX_ACTION_LABEL);
            if (actionUrl == null) throw ProblemException.invalid("actionLabel", "needs an actionUrl");
        }
        if (duration < MIN_DURATION || duration > MAX_DURATION) {
            throw ProblemException.invalid("duration", "must be between " + MIN_DURATION + " and " + MAX_DURATION);
        }
    }

    /** A broadcast with the defaults, for notifications the server raises itself (alerts). */
    public static NotificationDraft broadcast(NotificationType type, String title, String message) {
        return new NotificationDraft(clip(title, MAX_TITLE), clip(message, MAX_MESSAGE), type, null, null, null,
                true, DEFAULT_DURATION);
    }

    /** The body of {@code POST /api/notifications}. */
    public static NotificationDraft parse(JsonObject json) {
        String title = Fields.text(json, "title", 1, MAX_TITLE);
        String message = Fields.text(json, "message", 1, MAX_MESSAGE);
        String typeText = Fields.text(json, "type", 1, 20);
        NotificationType type = NotificationType.fromWire(typeText)
                .orElseThrow(() -> ProblemException.invalid("type", "must be info, success, warning or error"));
        String userId = Fields.optionalText(json, "userId", 1, MAX_USER_ID).orElse(null);
        String actionUrl = rawString(json, "actionUrl");
        String actionLabel = Fields.optionalText(json, "actionLabel", 1, MAX_ACTION_LABEL).orElse(null);
        boolean autoRemove = Fields.optionalBoolean(json, "autoRemove").orElse(true);
        long duration = Fields.optionalLong(json, "duration", MIN_DURATION, MAX_DURATION).orElse(DEFAULT_DURATION);
        return new NotificationDraft(title, message, type, userId, actionUrl, actionLabel, autoRemove, duration);
    }

    public boolean isBroadcast() {
        return userId == null;
    }

    /** The URL exactly as sent: trimming could turn a refused value into an accepted one unseen. */
    private static String rawString(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v == null || v == JsonValue.NULL) return null;
        if (!(v instanceof JsonString s)) throw ProblemException.invalid(field, "must be a string");
        return s.getString();
    }

    private static String checkedText(String field, String value, int max) {
        if (value == null) throw ProblemException.invalid(field, "is required");
        String stripped = value.strip();
        if (stripped.isEmpty()) throw ProblemException.invalid(field, "must not be empty");
        if (stripped.codePointCount(0, stripped.length()) > max) {
            throw ProblemException.invalid(field, "must be at most " + max + " characters");
        }
        if (field.equals("userId") && stripped.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw ProblemException.invalid(field, "must not contain spaces or control characters");
        }
        return stripped;
    }

    private static String clip(String text, int max) {
        if (text == null) return null;
        String s = text.strip();
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
