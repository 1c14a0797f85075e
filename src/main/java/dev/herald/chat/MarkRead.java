package dev.herald.chat;

import dev.herald.http.ProblemException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Set;

/** {@code POST …/read}: the id of the newest message read, as a string or a number. */
public record MarkRead(long lastReadId) {
    public static final Set<String> FIELDS = Set.of("lastReadId");

    public static MarkRead from(JsonObject body) {
        JsonValue raw = body.get("lastReadId");
        String text = raw instanceof JsonString s ? s.getString() : raw instanceof JsonNumber n ? n.toString() : null;
        if (text == null) throw ProblemException.invalid("lastReadId", "is required: the id of the newest message read");
        return new MarkRead(messageId("lastReadId", text));
    }

    /** A message id as clients send it: digits, at most 19 of them. */
    static long messageId(String field, String text) {
        if (text.length() > 19 || !text.chars().allMatch(Character::isDigit) || text.isEmpty()) {
            throw ProblemException.invalid(field, "is not a message id");
        }
        return Long.parseLong(text);
    }
}
