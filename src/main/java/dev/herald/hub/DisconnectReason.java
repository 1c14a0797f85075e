package dev.herald.hub;

/** Why a subscription ended: named data for logs and counters, not ad-hoc strings. */
public enum DisconnectReason {
    /** The client went away or a write to it failed. */
    CLIENT_GONE,
    /** Its outbound queue overflowed: it reads slower than events arrive. */
    SLOW_CONSUMER,
    /** An operator asked every stream of this node to reconnect. */
    ADMIN,
    /** The server is stopping. */
    SHUTDOWN,
    /** The broker lost events before they reached this node: the client resumes and gets a reset. */
    HISTORY_LOST,
    /** The credentials the stream was opened with are no longer valid. */
    EXPIRED,
    /** The user lost access to one of the stream's topics. */
    REVOKED;

    public String wireName() {
        return name().toLowerCase();
    }
}
