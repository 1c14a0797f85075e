package dev.herald.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where events live and travel: the hub's one seam to its storage, which a broker
 * implements (as Mercure's Transport or centrifuge's Broker). The memory broker keeps
 * events in this JVM; the Redis Streams broker shares them between nodes. Every
 * implementation passes {@code BrokerContractTest}.
 */
public interface Broker extends AutoCloseable {

    /**
     * Assigns the id and timestamp, retains the event unless it is volatile, and
     * returns only once the event is durable as far as this broker goes. An
     * exception means nothing was accepted ({@link BrokerUnavailableException} when
     * its store cannot be reached).
     */
    Event publish(EventDraft draft);

    /**
     * Accepts several events together, ids ascending in the order given, and returns them in
     * that order. All or nothing: an exception means none was accepted. This default publishes
     * one after another and holds that promise only when nothing fails midway; a broker with a
     * store overrides it (one transaction, one script).
     */
    default List<Event> publishAll(List<EventDraft> drafts) {
        List<Event> events = new ArrayList<>(drafts.size());
        for (EventDraft draft : drafts) events.add(publish(draft));
        return events;
    }

    /**
     * Registers the one listener of the hub: every event of the followed topics, on the
     * broker's own thread, in id order, and word of lost history. The hub fans out from there.
     * A broker may hand over events of other topics too (the memory broker hands over all).
     */
    void subscribe(BrokerListener listener);

    /**
     * This node needs the topic's events: returns once every event of it accepted from then on
     * (by any node) is sure to reach the listener. A topic followed twice is followed once; a
     * broker that hands every event to its listener (this default) has nothing to do. A broker
     * that cannot reach its store returns at once and catches up when it can: the retained
     * events it missed meanwhile reach the listener then, in id order.
     */
    default void follow(String topic) {
    }

    /** This node no longer needs the topic's events: the broker may stop reading them. */
    default void unfollow(String topic) {
    }

    /** Retained events of these topics after {@code after}, in id order, or why that is impossible. */
    Replay readAfter(Collection<String> topics, EventId after);

    /**
     * Retained events of these topics after the cursor's positions, or why that is impossible. A
     * broker of one order (this default) resumes from the cursor's position in its own epoch; a
     * broker of several orders reads each from its own position and may answer {@link Replay.Partial}.
     */
    default Replay readAfter(Collection<String> topics, Cursor after) {
        if (after.ids().size() == 1) return readAfter(topics, after.ids().get(0));
        EventId last = lastId();
        EventId mine = last == null ? null : after.in(last.epoch());
        return readAfter(topics, mine != null ? mine : after.ids().get(0));
    }

    /**
     * The id of the newest event accepted so far by the whole hub (not only of the topics
     * this node follows), or null before the first. A broker that cannot reach its store
     * answers the newest it knows of.
     */
    EventId lastId();

    /**
     * The newest id of each order the hub keeps: {@link #lastId} for a broker of one order (this
     * default). A broker of several gives one per order, the id {@code <epoch>:0-0} for an order
     * with no event yet, so that a stream's cursor names every order from the start.
     */
    default Cursor lastIds() {
        return Cursor.of(lastId());
    }

    /** Whether publishing can succeed right now (readiness). */
    boolean isReady();

    @Override
    void close();
}
