package dev.herald.chat;

import dev.herald.hub.EventDraft;

/** Chat's way out to the hub; a seam so the rules can be tested without streams. */
public interface ChatOutbox {

    void publish(EventDraft draft);

    /** The id of the newest event the hub has accepted, or null before the first. */
    String lastEventId();
}
