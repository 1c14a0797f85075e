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

    /** Fields as written by publish.lua: e(poch), t(opic), (t)y(pe), d(ata), a(udience), ts; and p (traceparent), see {@link #traceparent}. */
    static Event event(String streamId, Map<String, String> fields) {
        String audience = fields.get("a");
        return new Event(id(fields.get("e"), streamId), fields.get("t"), fields.get("y"),
                Long.parseLong(fields.get("ts")), fields.get("d"), audience == null || audience.isEmpty() ? null : audience);
    }

    /** The traceparent of a traced publish (field p, on the hub stream only), or null. */
    static String traceparent(Map<String, String> fields) {
        String p = fields.get("p");
        return p == null || p.isEmpty() ? null : p;
    }

    /** An entry as a Lua script returns it: {@code [id, [field, value, …]]}. */
    static Event event(Object luaEntry) {
        List<?> entry = (List<?>) luaEntry;
        List<?> flat = (List<?>) entry.get(1);
        var fields = new HashMap<String, String>();
        for (int i = 0; i + 1 < flat.size(); i += 2) fields.put(text(flat.get(i)), text(flat.get(i + 1)));
        return event(text(entry.get(0)), fields);
    }

    static String text(Object reply) {
        if (reply == null) return "";
        if (reply instanceof byte[] bytes) return new String(bytes, StandardCharsets.UTF_8);
        return reply.toString();
    }
}
