package dev.herald.testing;

import jakarta.json.JsonObject;

import java.util.List;

/** One event as parsed off the wire, per the WHATWG event-stream rules. */
public record SseEvent(String id, String event, String data, List<String> comments, Long retry) {

    public JsonObject json() {
        return Api.json(data);
    }

    public boolean isComment() {
        return data == null && event == null && id == null && retry == null;
    }
}
