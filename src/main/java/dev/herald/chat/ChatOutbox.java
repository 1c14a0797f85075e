package dev.herald.chat;

import dev.herald.hub.EventDraft;

/** Chat's way out to the hub; a seam so the rules can be tested without streams. */
public interface ChatOutbox {

    void publish(EventDraft draft);

    /**
     * The user lost access to the topic: their open streams of it end now (with
     * {@code event: revoked}), and reconnecting asks the topic's guard again.
     */
    default void revoke(String userId, String topic) {
    }

    /** The id of the newest event the hub has accepted, or null before the first. */
    String lastEventId();
}
