package dev.herald.liveness;

/**
 * The connection a stream rides on, as the container saw it when the stream opened:
 * enough to find it in the kernel's table of TCP connections.
 *
 * @param localPort  the server's port (9080, 9443, …)
 * @param remotePort the client's (or proxy's) port
 * @param multiplexed true on HTTP/2, where the connection may outlive a reset stream:
 *                   its table entry says nothing about one stream, only a probe does
 * @param direct     true when no forwarding header came with the request, so nothing
 *                   can have rewritten the ports the container reports: they are the
 *                   socket's, and a connection missing from the table is really gone
 */
public record Endpoint(int localPort, int remotePort, boolean multiplexed, boolean direct) {

    /** Both ports in one int: the table's key. */
    int key() {
        return TcpTable.key(localPort, remotePort);
    }
}
