package dev.herald.broker;

import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventId;
import dev.herald.hub.Replay;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * Where events live and travel: the one seam between the hub and its storage.
 * {@link MemoryBroker} keeps them in this JVM; a Redis Streams broker shares them
 * between nodes. Every implementation passes {@code BrokerContractTest}.
 */
public interface Broker extends AutoCloseable {

    /**
     * Assigns the id and timestamp, retains the event unless it is volatile, and
     * returns only once the event is durable as far as this broker goes. An
     * exception means nothing was accepted.
     */
    Event publish(EventDraft draft);

    /**
     * Registers the one listener that receives every event of the hub, on the
     * broker's own thread, in id order. The hub fans out from there.
     */
    void subscribe(Consumer<Event> listener);

    /**
     * Registers what to do when the broker finds that events may have been lost before
     * reaching this node's listener (its store lost its history). Open streams must then
     * resume by id, which tells their clients. A broker that cannot lose history never calls it.
     */
    default void onHistoryLost(Runnable action) {
    }

    /** Retained events of these topics after {@code after}, in id order, or why that is impossible. */
    Replay readAfter(Collection<String> topics, EventId after);

    /** The id of the newest event accepted so far, or null before the first. */
    EventId lastId();

    /** Whether publishing can succeed right now (readiness). */
    boolean isReady();

    @Override
    void close();
}
