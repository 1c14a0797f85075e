package dev.herald.hub;

import java.util.List;

/** What a broker answers when asked for the events after a client's id. */
public sealed interface Replay {

    /** Everything retained after the id, in hub order: the client misses nothing. */
    record Events(List<Event> events) implements Replay {
    }

    /** The id cannot be resumed from (stale, unknown, malformed, other epoch). */
    record Gap(String reason, EventId earliestId) implements Replay {
    }
}
