package dev.herald.hub;

/** What a {@link Broker} tells the hub: each event in id order, and that history was lost. */
@FunctionalInterface
public interface BrokerListener {

    /** Called on the broker's own thread, one event at a time, in id order. */
    void event(Event event);

    /**
     * Events may have been lost before reaching this node (the broker's store lost its
     * history): open streams must resume by id, which tells their clients. A broker that
     * cannot lose history never calls it.
     */
    default void historyLost() {
    }
}
