package dev.herald.docs;

import dev.herald.testing.Api;
import dev.herald.testing.SseEvent;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Reads what curl printed: an event stream, or JSON answers written back to back. */
final class CurlOutput {
    private CurlOutput() {
    }

    /** The complete blocks of an event stream, comments included; a block still being written is left out. */
    static List<SseEvent> events(String text) {
        var events = new ArrayList<SseEvent>();
        String id = null, event = null;
        StringBuilder data = null;
        Long retry = null;
        var comments = new ArrayList<String>();
        String[] lines = text.split("\n", -1);
        // The last element follows the last newline: a line not yet finished.
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                if (id != null || event != null || data != null || retry != null || !comments.isEmpty()) {
                    events.add(new SseEvent(id, event, data == null ? null : data.toString(), List.copyOf(comments), retry));
                }
                id = null;
                event = null;
                data = null;
                retry = null;
                comments.clear();
            } else if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) value = value.substring(1);
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "retry" -> retry = Long.parseLong(value);
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
        }
        return events;
    }

    /** The ids of a stream's events, in order. */
    static List<String> ids(String text) {
        return events(text).stream().map(SseEvent::id).filter(java.util.Objects::nonNull).toList();
    }

    /** JSON objects printed one after another ({@code curl -s a; curl -s b} prints no newline between). */
    static List<JsonObject> objects(String text) {
        var objects = new ArrayList<JsonObject>();
        int depth = 0, start = -1;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"' && depth > 0) {
                inString = true;
            } else if (c == '{') {
                if (depth++ == 0) start = i;
            } else if (c == '}' && depth > 0 && --depth == 0) {
                objects.add(Api.json(text.substring(start, i + 1)));
            }
        }
        return objects;
    }
}
