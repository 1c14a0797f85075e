package dev.herald.chat;

import dev.herald.http.Fields;
import dev.herald.http.ProblemException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * What a client may say in {@code POST …/messages}, validated. Everything else
 * about a message (id, author, time) is the server's.
 */
public record MessageInput(String content, MessageType type, JsonObject metadata, String clientId) {
    public static final Set<String> FIELDS = Set.of("content", "type", "metadata", "clientId");
    public static final int MAX_CONTENT = 4000;
    private static final int MAX_METADATA_KEYS = 20;
    private static final int MAX_URL = 2000;

    public static MessageInput from(JsonObject body) {
        String content = Fields.text(body, "content", 1, MAX_CONTENT);
        String typeName = Fields.optionalText(body, "type", 1, 16).orElse("text");
        MessageType type = MessageType.postable(typeName)
                .orElseThrow(() -> ProblemException.invalid("type", "must be text, image or file"));
        JsonObject metadata = metadata(body, type);
        String clientId = Fields.optionalText(body, "clientId", 1, 100).orElse(null);
        if (clientId != null && clientId.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("clientId", "must not contain control characters");
        }
        return new MessageInput(content, type, metadata, clientId);
    }

    private static JsonObject metadata(JsonObject body, MessageType type) {
        JsonValue raw = body.get("metadata");
        if (raw == null || raw == JsonValue.NULL) {
            if (type.carriesUrl()) throw ProblemException.invalid("metadata", "an " + type.wire() + " message needs metadata with a url");
            return null;
        }
        if (raw.getValueType() != JsonValue.ValueType.OBJECT) throw ProblemException.invalid("metadata", "must be an object");
        JsonObject metadata = raw.asJsonObject();
        if (metadata.size() > MAX_METADATA_KEYS) throw ProblemException.invalid("metadata", "at most " + MAX_METADATA_KEYS + " fields");
        for (var e : metadata.entrySet()) {
            if (e.getKey().length() > 40) throw ProblemException.invalid("metadata", "field names are at most 40 characters");
            var kind = e.getValue().getValueType();
            if (kind == JsonValue.ValueType.OBJECT || kind == JsonValue.ValueType.ARRAY) {
                throw ProblemException.invalid("metadata." + e.getKey(), "must be a string, number or boolean");
            }
        }
        JsonValue url = metadata.get("url");
        if (url == null) {
            if (type.carriesUrl()) throw ProblemException.invalid("metadata.url", "is required for " + type.wire() + " messages");
        } else if (!(url instanceof JsonString s) || !isSafeUrl(s.getString())) {
            throw ProblemException.invalid("metadata.url", "must be an http(s) URL or a path starting with /");
        }
        return metadata;
    }

    /**
     * Pages put this URL in an href or src: only http, https and same-origin paths,
     * never {@code javascript:} or {@code data:}, nor {@code //host} (another origin in disguise).
     */
    static boolean isSafeUrl(String url) {
        if (url.isEmpty() || url.length() > MAX_URL || url.codePoints().anyMatch(c -> c <= 0x20)) return false;
        if (url.startsWith("/")) return !url.startsWith("//") && !url.startsWith("/\\");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
