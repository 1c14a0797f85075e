/**
 * Noticing that a stream's client has left. On HTTP/1.1 the container says nothing
 * when a client closes an idle stream, so Herald asks the operating system which
 * connections are still established ({@link dev.herald.liveness.TcpTable}) and, where
 * it cannot tell, writes a two-byte probe that a departed client fails
 * ({@link dev.herald.liveness.ClientWatch}). Depends on {@code hub} and {@code boot}.
 */
package dev.herald.liveness;
