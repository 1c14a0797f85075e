package dev.herald.broker;

import dev.herald.hub.Event;
import dev.herald.hub.EventId;

import java.util.List;
import java.util.Map;

/**
 * Where the memory broker keeps what it retains, so a restarted node serves the same ids:
 * nowhere ({@link #NONE}, a new epoch each start), or a database ({@link SqlEventJournal}).
 * The broker calls it under its own lock, in id order.
 */
public interface EventJournal extends AutoCloseable {

    /** Keeps nothing: the broker starts empty with a new epoch every time. */
    EventJournal NONE = new EventJournal() {
        @Override
        public Recovered recover(String newEpoch) {
            return new Recovered(newEpoch, null, List.of(), Map.of());
        }

        @Override
        public void append(Event event) {
        }

        @Override
        public void appendAll(List<Event> events) {
        }

        @Override
        public void dropped(String topic, EventId upTo) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * What was kept: the epoch (this one, if none was), the newest id ever issued as far as it
     * is known, the retained events in id order, and per topic the newest id retention dropped.
     */
    record Recovered(String epoch, EventId lastId, List<Event> events, Map<String, EventId> dropped) {
    }

    /** Reads what was kept, adopting {@code newEpoch} when nothing was. */
    Recovered recover(String newEpoch);

    /** Keeps a retained event; returns once it would survive the process being killed. */
    void append(Event event);

    /**
     * Keeps several retained events, in id order, all or none (an exception: none was kept);
     * returns once they would survive the process being killed.
     */
    default void appendAll(List<Event> events) {
        if (events.size() == 1) {
            append(events.get(0));
            return;
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps one event at a time");
    }

    /** Retention dropped this topic's events up to {@code upTo}; they may go, later, in the background. */
    void dropped(String topic, EventId upTo);

    @Override
    void close();
}
