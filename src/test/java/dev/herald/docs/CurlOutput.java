package dev.herald.docs;

import dev.herald.testing.Api;
import dev.herald.testing.SseBlocks;
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
        var parser = new SseBlocks();
        var events = new ArrayList<SseEvent>();
        String[] lines = text.split("\n", -1);
        // The last element follows the last newline: a line not yet finished.
        for (int i = 0; i < lines.length - 1; i++) parser.line(lines[i]).ifPresent(events::add);
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
