package dev.herald.liveness;

/**
 * Decides, for one stream, what the kernel's table says of its client. Kept apart
 * from the scanning so that the rule is tested on its own.
 */
final class ClientCheck {
    enum Verdict {
        /** The connection is established: nothing to do. */
        ALIVE,
        /** The client closed or reset the connection: end the stream. */
        GONE,
        /** The table cannot tell (HTTP/2, no table, ports never seen): probe the stream. */
        PROBE
    }

    private ClientCheck() {
    }

    /**
     * @param status     the stream's connection in the table, or null when there is no table
     * @param seenOpen   whether an earlier look found the connection established
     */
    static Verdict judge(Endpoint endpoint, TcpTable.Status status, boolean seenOpen) {
        if (status == null) return Verdict.PROBE;
        return switch (status) {
            // One stream of an HTTP/2 connection may be reset while the connection lives on.
            case OPEN -> endpoint.multiplexed() ? Verdict.PROBE : Verdict.ALIVE;
            // FIN from the client: on HTTP/2 that ends every stream of the connection too.
            case CLOSING -> Verdict.GONE;
            // Not in the table: reset by the client, or closed by the container without a word
            // to the application. Unless the ports may have been rewritten by forwarding
            // headers and were never seen established, then only a probe can tell.
            case ABSENT -> seenOpen || endpoint.direct() ? Verdict.GONE : Verdict.PROBE;
        };
    }
}
