package dev.herald.http;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static dev.herald.http.Jsonp.JSON;

/**
 * Reads a request body as one JSON object, bounded in size, strictly UTF-8, with
 * errors that say what is wrong. Resources take the body as a stream and call this,
 * so size, encoding and syntax are checked the same way everywhere.
 */
public final class JsonBody {
    public static final int MAX_BYTES = 64 * 1024;
    /** The JSON reader recurses per level: 20,000 '[' in 64 KiB would overflow its stack. */
    public static final int MAX_DEPTH = 64;

    private JsonBody() {
    }

    public static JsonObject object(InputStream in) {
        return object(in, Set.of());
    }

    /** @param allowed the only field names accepted; empty accepts any */
    public static JsonObject object(InputStream in, Set<String> allowed) {
        return object(in, allowed, MAX_BYTES);
    }

    /**
     * A body allowed to be larger than {@link #MAX_BYTES} (a batch publish), checked the same way.
     * {@link BodyLimitCheck} lets such a body by only where a {@link BodyAllowance} says so.
     */
    public static JsonObject object(InputStream in, Set<String> allowed, int maxBytes) {
        byte[] bytes = readBounded(in, maxBytes);
        if (bytes.length == 0) throw ProblemException.invalid("body", "a JSON object is required");
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("body", "not valid UTF-8");
        }
        if (depth(bytes) > MAX_DEPTH) throw ProblemException.invalid("body", "nested deeper than " + MAX_DEPTH + " levels");
        JsonValue value;
        // The text decoded once, strictly, is what the parser reads: no second decoding of the bytes.
        try (var reader = JSON.createReader(new CharArrayReader(text.array(), text.arrayOffset() + text.position(), text.remaining()))) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw ProblemException.invalid("body", "malformed JSON" + (at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber()));
        } catch (JsonException e) {
            throw ProblemException.invalid("body", "malformed JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.invalid("body", "must be a JSON object");
        }
        JsonObject object = value.asJsonObject();
        onlyFields(object, allowed);
        return object;
    }

    /** Refuses a field not in {@code allowed} (empty allows any): for the body and for objects inside it alike. */
    public static void onlyFields(JsonObject object, Set<String> allowed) {
        if (allowed.isEmpty()) return;
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) throw ProblemException.invalid(Fields.printable(key), "unknown field");
        }
    }

    /** The deepest nesting of arrays and objects, brackets inside strings not counted. */
    static int depth(byte[] json) {
        int depth = 0, max = 0;
        boolean inString = false, escaped = false;
        for (byte b : json) {
            if (inString) {
                if (escaped) escaped = false;
                else if (b == '\\') escaped = true;
                else if (b == '"') inString = false;
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                max = Math.max(max, ++depth);
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return max;
    }

    private static byte[] readBounded(InputStream in, int maxBytes) {
        if (in == null) return new byte[0];
        try {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) throw ProblemException.tooLarge(maxBytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
