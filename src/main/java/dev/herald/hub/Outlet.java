package dev.herald.hub;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a subscription's frames go: the SSE layer implements it, so the hub never
 * touches JAX-RS. A returned stage that completes exceptionally ends the subscription.
 */
public interface Outlet {

    CompletionStage<?> send(Frame frame);

    /**
     * Sends frames that were queued together, in order; an outlet that can should make
     * one write of them. This one sends them one after the other.
     */
    default CompletionStage<?> sendAll(List<Frame> frames) {
        CompletionStage<?> last = CompletableFuture.completedFuture(null);
        for (Frame frame : frames) last = last.thenCompose(done -> send(frame));
        return last;
    }

    /** What writes the stream, as the latency metrics label it: {@code servlet}, {@code jaxrs}. */
    default String transport() {
        return "other";
    }

    /** Must be safe to call more than once and from any thread. */
    void close();
}
