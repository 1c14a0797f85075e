package dev.herald.sse;

import dev.herald.hub.Event;
import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A subscription's way out through JAX-RS's {@link SseEventSink} (RESTEasy on Liberty):
 * each frame becomes an {@link OutboundSseEvent} that the runtime encodes and writes.
 * The same frames as {@link SseWire} writes, field for field, but encoded per stream
 * (JAX-RS has no way to share one event's bytes between sinks) and written by
 * RESTEasy's blocking write: a client whose socket is full holds a writer thread until
 * the endpoint's write timeout, which the hub's writer pool makes up for, as it does
 * for the servlet's.
 */
final class SinkOutlet implements Outlet {
    private final SseEventSink sink;
    private final Sse sse;
    private final boolean unnamedEvents;
    private final CompletionStage<Void> openingSent;

    /** @param openingSent completes once {@link SinkStreams} has written the opening on the response */
    SinkOutlet(SseEventSink sink, Sse sse, boolean unnamedEvents, CompletionStage<Void> openingSent) {
        this.sink = sink;
        this.sse = sse;
        this.unnamedEvents = unnamedEvents;
        this.openingSent = openingSent;
    }

    @Override
    public String transport() {
        return "jaxrs";
    }

    @Override
    public CompletionStage<?> send(Frame frame) {
        // SinkStreams writes the opening on the response (see there); the frames after it wait for it.
        if (frame instanceof Frame.Open) return openingSent;
        if (sink.isClosed()) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        try {
            return sink.send(event(frame));
        } catch (RuntimeException failed) {
            // RESTEasy throws, rather than failing the stage, on a sink closed under it.
            return CompletableFuture.failedFuture(failed);
        }
    }

    OutboundSseEvent event(Frame frame) {
        OutboundSseEvent.Builder b = sse.newEventBuilder();
        if (frame instanceof Frame.Live live) {
            Event e = live.event();
            // The stream's cursor where it has one: the resume point the client must keep.
            if (live.position() != null) b.id(live.position());
            else if (e.id() != null) b.id(e.id().toString());
            if (!unnamedEvents) b.name(e.type());
            return data(b, e.envelope());
        }
        if (frame instanceof Frame.Snapshot snapshot) {
            if (!unnamedEvents) b.name(snapshot.type());
            return data(b, snapshot.envelope());
        }
        if (frame instanceof Frame.Reset reset) return data(b.name("reset"), reset.data());
        if (frame instanceof Frame.Ending ending) return data(b.name(ending.reason().wireName()), ending.data());
        if (frame instanceof Frame.Expiring expiring) return data(b.name("expiring"), expiring.data());
        if (frame instanceof Frame.Probe) return b.comment("").build();
        if (frame instanceof Frame.Heartbeat hb) {
            if (!hb.asEvent()) return b.comment("heartbeat").build();
            return data(b.name("heartbeat"), "{\"timestamp\":" + hb.timestamp() + "}");
        }
        throw new IllegalArgumentException("unknown frame " + frame);
    }

    /** Data is one line of JSON already (the hub escapes control characters): written as text, not re-serialised. */
    private static OutboundSseEvent data(OutboundSseEvent.Builder b, String json) {
        return b.mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, json).build();
    }

    @Override
    public void close() {
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            // The client left first; nothing left to free.
        }
    }
}
