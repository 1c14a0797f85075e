package dev.herald.sse;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;

import java.lang.reflect.Type;

/**
 * Text {@link SseWire} encoded, handed to a JAX-RS {@code SseEventSink} so that RESTEasy writes
 * it as it is: the JAX-RS transport then puts on the wire the servlet's bytes, field order
 * included, and encodes each event once for all its streams.
 *
 * <p>Why not an ordinary event: RESTEasy (6.2, Liberty's) looks up a {@code MessageBodyWriter}
 * for every event's data and pushes the data through an escaping stream one byte at a time,
 * for every stream, while it writes an event's {@code event:} and {@code id:} values with one
 * write each and ends the event with a blank line. A block that begins with one of those two
 * lines therefore travels whole in that one field: RESTEasy writes {@code "event: "} (or
 * {@code "id: "}), the rest of the block, a line end and the blank line, which is the block
 * again. Several such blocks travel as one, which is one write and one flush for a stream's
 * queued events. A block that begins otherwise (a comment, or an unnamed snapshot's
 * {@code data:}) goes in the field it begins with. {@code StreamIT} compares the bytes on
 * both transports, so a RESTEasy that wrote these fields differently would fail there.
 */
record SinkEvent(String name, String id, String comment, String data) implements OutboundSseEvent {

    /** True when {@code block} begins with a line that can carry it and the blocks after it. */
    static boolean carries(String block) {
        return block.startsWith("id: ") || block.startsWith("event: ");
    }

    /**
     * {@code blocks}: one or more whole blocks as {@link SseWire} encodes them, each ending with
     * its blank line; several only when the first {@link #carries} them.
     */
    static SinkEvent of(String blocks) {
        if (blocks.startsWith(":")) return new SinkEvent(null, null, blocks.substring(1).trim(), null);
        String body = blocks.substring(0, blocks.length() - 2);
        if (blocks.startsWith("id: ")) return new SinkEvent(null, body.substring(4), null, null);
        if (blocks.startsWith("event: ")) return new SinkEvent(body.substring(7), null, null, null);
        if (blocks.startsWith("data: ")) return new SinkEvent(null, null, null, body.substring(6));
        throw new IllegalArgumentException("not an event-stream block: " + blocks);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getComment() {
        return comment;
    }

    @Override
    public Object getData() {
        return data;
    }

    /** Not null unless a comment: RESTEasy writes {@code event:} and {@code id:} only for an event with a type. */
    @Override
    public Class<?> getType() {
        return comment == null ? String.class : null;
    }

    @Override
    public Type getGenericType() {
        return getType();
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.TEXT_PLAIN_TYPE;
    }

    @Override
    public long getReconnectDelay() {
        return RECONNECT_NOT_SET;
    }

    @Override
    public boolean isReconnectDelaySet() {
        return false;
    }
}
