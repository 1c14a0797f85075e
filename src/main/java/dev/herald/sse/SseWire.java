package dev.herald.sse;

import dev.herald.hub.Frame;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * The only place that decides what a frame looks like on the wire. Data is always
 * one line of JSON (the hub escapes every control character), so no payload can
 * start a line of its own.
 */
final class SseWire {
    private SseWire() {
    }

    static OutboundSseEvent toEvent(Sse sse, Frame frame) {
        var b = sse.newEventBuilder();
        if (frame instanceof Frame.Open open) {
            // RESTEasy writes retry: only on an event with data; an empty data line
            // dispatches nothing in an EventSource (WHATWG: empty data buffer).
            return b.comment("herald").reconnectDelay(open.retryMillis())
                    .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, "").build();
        }
        if (frame instanceof Frame.Live live) {
            return b.id(live.event().id().toString()).name(live.event().type())
                    .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, live.event().envelope()).build();
        }
        if (frame instanceof Frame.Snapshot snapshot) {
            return b.name(snapshot.type()).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, snapshot.envelope()).build();
        }
        if (frame instanceof Frame.Reset reset) {
            return b.name("reset").mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, reset.data()).build();
        }
        if (frame instanceof Frame.Ending ending) {
            return b.name(ending.reason().wireName()).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, ending.data()).build();
        }
        if (frame instanceof Frame.Heartbeat hb) {
            if (!hb.asEvent()) return b.comment("heartbeat").build();
            return b.name("heartbeat").mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, "{\"timestamp\":" + hb.timestamp() + "}").build();
        }
        throw new IllegalArgumentException("unknown frame " + frame);
    }
}
