package dev.herald.hub;

import java.util.concurrent.CompletionStage;

/**
 * Where a subscription's frames go: the SSE layer implements it, so the hub never
 * touches JAX-RS. A returned stage that completes exceptionally ends the subscription.
 */
public interface Outlet {

    CompletionStage<?> send(Frame frame);

    /** Must be safe to call more than once and from any thread. */
    void close();
}
