package dev.herald.chat;

import dev.herald.http.Fields;
import dev.herald.http.ProblemException;
import dev.herald.security.identity.UserIds;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What {@code POST /api/chat/rooms} asks for, validated.
 *
 * @param members user ids (a name given is folded to its id), besides the creator
 */
public record NewRoom(String name, boolean isPrivate, Set<String> members) {
    public static final Set<String> FIELDS = Set.of("name", "private", "members");
    private static final int MAX_MEMBERS = 100;

    public static NewRoom from(JsonObject body) {
        String name = Fields.text(body, "name", 1, 80);
        if (name.codePoints().anyMatch(Character::isISOControl)) throw ProblemException.invalid("name", "must not contain control characters");
        return new NewRoom(name, Fields.optionalBoolean(body, "private").orElse(false), memberIds(body.get("members")));
    }

    private static Set<String> memberIds(JsonValue raw) {
        if (raw == null || raw == JsonValue.NULL) return Set.of();
        if (raw.getValueType() != JsonValue.ValueType.ARRAY) throw ProblemException.invalid("members", "must be an array of user ids");
        JsonArray list = raw.asJsonArray();
        if (list.size() > MAX_MEMBERS) throw ProblemException.invalid("members", "at most " + MAX_MEMBERS);
        var ids = new LinkedHashSet<String>();
        for (JsonValue v : list) {
            if (!(v instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > 40) {
                throw ProblemException.invalid("members", "each member is a user id or name of 1-40 characters");
            }
            ids.add(UserIds.fromName(s.getString().strip()));
        }
        return ids;
    }
}
