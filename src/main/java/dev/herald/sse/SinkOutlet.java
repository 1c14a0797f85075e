package dev.herald.sse;

import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import jakarta.ws.rs.sse.SseEventSink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A subscription's way out through JAX-RS's {@link SseEventSink} (RESTEasy on Liberty):
 * the frames as {@link SseWire} encodes them, each event's once for all its streams, handed
 * to the sink as {@link SinkEvent}s that RESTEasy writes as they are. Frames queued together
 * go as one event where they can, so one write and one flush, as the servlet's. RESTEasy's
 * write blocks: a client whose socket is full holds a writer thread until the endpoint's
 * write timeout, which the hub's writer pool makes up for, as it does for the servlet's.
 */
final class SinkOutlet implements Outlet {
    private final SseEventSink sink;
    private final boolean unnamedEvents;
    private final CompletionStage<Void> openingSent;

    /** @param openingSent completes once {@link SinkStreams} has written the opening on the response */
    SinkOutlet(SseEventSink sink, boolean unnamedEvents, CompletionStage<Void> openingSent) {
        this.sink = sink;
        this.unnamedEvents = unnamedEvents;
        this.openingSent = openingSent;
    }

    @Override
    public String transport() {
        return "jaxrs";
    }

    @Override
    public CompletionStage<?> send(Frame frame) {
        return sendAll(List.of(frame));
    }

    @Override
    public CompletionStage<?> sendAll(List<Frame> frames) {
        // SinkStreams writes the opening on the response (see there); the frames after it wait for it.
        CompletionStage<?> last = CompletableFuture.completedFuture(null);
        for (Frame frame : frames) if (frame instanceof Frame.Open) last = openingSent;
        for (SinkEvent event : events(frames)) last = last.thenCompose(done -> write(event));
        return last;
    }

    /** The frames as few sink events as they fit in: a run of blocks one can carry goes as one. */
    List<SinkEvent> events(List<Frame> frames) {
        var events = new ArrayList<SinkEvent>(1);
        StringBuilder run = null;
        for (Frame frame : frames) {
            if (frame instanceof Frame.Open) continue;
            String block = new String(SseWire.encode(frame, unnamedEvents), StandardCharsets.UTF_8);
            if (run != null && SinkEvent.carries(block)) {
                run.append(block);
                continue;
            }
            if (run != null) events.add(SinkEvent.of(run.toString()));
            run = null;
            if (SinkEvent.carries(block)) run = new StringBuilder(block);
            else events.add(SinkEvent.of(block));
        }
        if (run != null) events.add(SinkEvent.of(run.toString()));
        return events;
    }

    private CompletionStage<?> write(SinkEvent event) {
        if (sink.isClosed()) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        try {
            return sink.send(event);
        } catch (RuntimeException failed) {
            // RESTEasy throws, rather than failing the stage, on a sink closed under it.
            return CompletableFuture.failedFuture(failed);
        }
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
