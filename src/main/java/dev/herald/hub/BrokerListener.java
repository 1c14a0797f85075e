package dev.herald.hub;

/** What a {@link Broker} tells the hub: each event in id order, and that history was lost. */
@FunctionalInterface
public interface BrokerListener {

    /** Called on the broker's own thread, one event at a time, in id order. */
    void event(Event event);

    /**
     * {@link #event(Event)}, with the {@code traceparent} its draft carried
     * ({@link EventDraft#traceparent()}), or null. A broker calls this one; a listener that
     * traces overrides it.
     */
    default void event(Event event, String traceparent) {
        event(event);
    }

    /**
     * Events may have been lost before reaching this node (the broker's store lost its
     * history): open streams must resume by id, which tells their clients. A broker that
     * cannot lose history never calls it.
     */
    default void historyLost() {
    }
}
