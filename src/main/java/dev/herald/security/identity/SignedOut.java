package dev.herald.security.identity;

/**
 * A session was signed out on this node (a CDI event): whoever holds streams of it ends them.
 * Fired even when the sign-out could not reach the other nodes, so this node's streams end
 * all the same. Identity only announces it; the stream policy, above it, observes.
 *
 * @param tokenId the signed-out credential's id, never null
 */
public record SignedOut(String tokenId) {
}
