package dev.herald.hub;

import java.util.List;

/** What a broker answers when asked for the events after a client's id. */
public sealed interface Replay {

    /** Everything retained after the id, in id order per topic: the client misses nothing. */
    record Events(List<Event> events) implements Replay {
    }

    /** The id cannot be resumed from (stale, unknown, malformed, other epoch). */
    record Gap(String reason, EventId earliestId) implements Replay {
    }

    /**
     * A broker of several orders ({@link Cursor}) that could resume some of them and not the
     * others: {@code gap} says why for those, {@code events} replay the rest from their positions
     * in {@code from}, in id order per topic.
     */
    record Partial(Gap gap, List<Event> events, Cursor from) implements Replay {
    }
}
