package dev.herald.hub;

import java.util.List;

/**
 * Where the hub's spans go: OpenTelemetry, outside the hub ({@code trace}), or nowhere
 * ({@link #OFF}, until one is installed with {@link EventHub#trace}). The hub hands a trace on
 * as a W3C {@code traceparent} string, so that a broker can carry it with the event (to the
 * dispatch thread, or through Redis to every node) without knowing what made it.
 *
 * <p>Cost: the hub asks only while an implementation other than {@link #OFF} is installed, and
 * then only for events whose publish was sampled; an event that is not traced costs its
 * fan-out and its writes one null check each.
 */
public interface Tracing {
    Tracing OFF = new Tracing() {
        @Override
        public String traceparent() {
            return null;
        }

        @Override
        public Span fanOut(String traceparent, Event event) {
            return null;
        }

        @Override
        public Span write(Span parent, List<Span> linked, String transport, long streamId) {
            return null;
        }
    };

    /**
     * On the publishing thread: the {@code traceparent} of the span current there when it is
     * sampled, or null (nothing to trace; no span is made for the event anywhere).
     */
    String traceparent();

    /**
     * On the dispatch thread: starts the span of one event's fan-out on this node, a child of
     * {@code traceparent} (the publish's span, perhaps on another node), or null when it cannot.
     */
    Span fanOut(String traceparent, Event event);

    /**
     * On a writer thread: starts the span of one write to a stream, a child of the fan-out
     * {@code parent}, linked to the fan-out spans of the other traced events written with it
     * ({@code linked}, often empty), or null when it cannot.
     */
    Span write(Span parent, List<Span> linked, String transport, long streamId);

    /** A span under way. Ended once, on any thread. */
    interface Span {
        /** Ends it; {@code count}: streams reached (a fan-out) or frames written (a write); {@code failed}: whether it failed. */
        void end(int count, boolean failed);
    }
}
