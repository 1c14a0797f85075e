package dev.herald.broker;

import dev.herald.hub.Event;
import dev.herald.hub.EventId;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stream entries to events and back: the one place that knows the entry's field names. */
final class RedisEntries {
    private RedisEntries() {
    }

    /** {@code ms-seq} of a Redis Stream id, under the given epoch. */
    static EventId id(String epoch, String streamId) {
        int dash = streamId.indexOf('-');
        return new EventId(epoch, Long.parseLong(streamId.substring(0, dash)), Long.parseLong(streamId.substring(dash + 1)));
    }

    static String streamId(EventId id) {
        return id.millis() + "-" + id.sequence();
    }

    /** A topic stream's fields as accept.lua writes them: e(poch), t(opic), (t)y(pe), d(ata), a(udience), ts. */
    static Event event(String streamId, Map<String, String> fields) {
        String audience = fields.get("a");
        return new Event(id(fields.get("e"), streamId), fields.get("t"), fields.get("y"),
                Long.parseLong(fields.get("ts")), fields.get("d"), audience == null || audience.isEmpty() ? null : audience);
    }

    /** An entry as a Lua script returns it: {@code [id, [field, value, …]]}. */
    static Event event(Object luaEntry) {
        List<?> entry = (List<?>) luaEntry;
        List<?> flat = (List<?>) entry.get(1);
        var fields = new HashMap<String, String>();
        for (int i = 0; i + 1 < flat.size(); i += 2) fields.put(text(flat.get(i)), text(flat.get(i + 1)));
        return event(text(entry.get(0)), fields);
    }

    /** An event as heard on its topic's channel, with its publish's traceparent, or null. */
    record Heard(Event event, String traceparent) {
    }

    /**
     * A channel message as accept.lua frames it: id, epoch, topic, type, audience, ts,
     * traceparent, data, each "length:bytes" (the length in bytes, as Lua counts them).
     */
    static Heard heard(byte[] message) {
        String[] parts = new String[8];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            int colon = at;
            while (message[colon] != ':') colon++;
            int length = Integer.parseInt(new String(message, at, colon - at, StandardCharsets.US_ASCII));
            parts[i] = new String(message, colon + 1, length, StandardCharsets.UTF_8);
            at = colon + 1 + length;
        }
        if (at != message.length) throw new IllegalArgumentException("message: " + (message.length - at) + " bytes after its 8 parts");
        Event event = new Event(id(parts[1], parts[0]), parts[2], parts[3], Long.parseLong(parts[5]), parts[7],
                parts[4].isEmpty() ? null : parts[4]);
        return new Heard(event, parts[6].isEmpty() ? null : parts[6]);
    }

    static String text(Object reply) {
        if (reply == null) return "";
        if (reply instanceof byte[] bytes) return new String(bytes, StandardCharsets.UTF_8);
        return reply.toString();
    }
}
