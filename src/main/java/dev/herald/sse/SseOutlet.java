package dev.herald.sse;

import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A subscription's way out through a JAX-RS sink. It does not trust
 * {@code isClosed()}: on Liberty a sink whose client left reports open until a
 * write fails, so failure of a write is what ends the subscription.
 */
final class SseOutlet implements Outlet {
    private final SseEventSink sink;
    private final Sse sse;
    private final AtomicBoolean closed = new AtomicBoolean();

    SseOutlet(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    public CompletionStage<?> send(Frame frame) {
        if (closed.get() || sink.isClosed()) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        return sink.send(SseWire.toEvent(sse, frame));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            // The client is gone either way; nothing left to free here.
        }
    }
}
