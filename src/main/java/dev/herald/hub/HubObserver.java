package dev.herald.hub;

/**
 * Told of each count the hub keeps, as it happens, by whoever exports them (MicroProfile
 * Metrics, outside the hub): counters there must be counted up, not read. Called on the
 * publish, fan-out and writer threads, so an implementation must be quick and thread-safe.
 */
public interface HubObserver {
    HubObserver NONE = new HubObserver() {
    };

    /** {@code count} events accepted at once (1, or a batch's size). */
    default void published(int count) {
    }

    /** An event the broker handed to this node, before its fan-out. */
    default void read() {
    }

    /**
     * An event written to a stream, live or replayed.
     *
     * @param transport    what wrote it ({@link Outlet#transport()})
     * @param latencyNanos from the hub accepting the event to the write returning; -1 for a replayed event
     */
    default void delivered(String transport, long latencyNanos) {
    }

    default void replayed(int count) {
    }

    default void reset() {
    }

    default void opened() {
    }

    default void disconnected(DisconnectReason reason) {
    }
}
