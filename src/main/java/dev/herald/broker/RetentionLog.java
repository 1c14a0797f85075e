package dev.herald.broker;

import dev.herald.hub.Event;
import dev.herald.hub.EventId;
import dev.herald.hub.RetentionPolicy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One topic's retained events, trimmed by count and age. Not thread-safe: the
 * memory broker guards it. It remembers the newest id it ever dropped, which is
 * what tells a resuming client that it has missed something.
 */
final class RetentionLog {
    private final RetentionPolicy policy;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private EventId droppedUpTo;

    RetentionLog(RetentionPolicy policy) {
        this.policy = policy;
    }

    /** @return whether retention dropped events to make room (see {@link #droppedUpTo}) */
    boolean append(Event event, long now) {
        events.addLast(event);
        return trim(now);
    }

    /** @return whether events were dropped */
    boolean trim(long now) {
        long oldest = now - policy.age().toMillis();
        boolean dropped = false;
        while (!events.isEmpty()
                && (events.size() > policy.count() || events.peekFirst().timestamp() < oldest)) {
            droppedUpTo = events.removeFirst().id();
            dropped = true;
        }
        return dropped;
    }

    /** After a restart: what the previous run had dropped still counts as lost. */
    void restoreDropped(EventId upTo) {
        if (droppedUpTo == null || upTo.isAfter(droppedUpTo)) droppedUpTo = upTo;
    }

    boolean conflated() {
        return policy.conflated();
    }

    EventId droppedUpTo() {
        return droppedUpTo;
    }

    /** True when an event after {@code id} has been dropped: resuming from it would skip events. */
    boolean lostAfter(EventId id) {
        return !policy.conflated() && droppedUpTo != null && droppedUpTo.isAfter(id);
    }

    /** Retained events after {@code id}, oldest first; walks from the newest end, where resumes land. */
    List<Event> after(EventId id) {
        if (policy.conflated()) return List.of();
        var newestFirst = new ArrayList<Event>();
        for (Iterator<Event> it = events.descendingIterator(); it.hasNext(); ) {
            Event e = it.next();
            if (!e.id().isAfter(id)) break;
            newestFirst.add(e);
        }
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    EventId firstId() {
        return events.isEmpty() ? null : events.peekFirst().id();
    }

    Event latest() {
        return events.peekLast();
    }

    int size() {
        return events.size();
    }
}
