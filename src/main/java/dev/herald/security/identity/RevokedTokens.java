package dev.herald.security.identity;

import dev.herald.security.signout.MemoryRevokedTokens;
import dev.herald.security.signout.RedisRevokedTokens;

/**
 * Token ids signed out before their expiry. Entries need live only until the token
 * would have expired anyway, so the set stays as small as the sign-outs of one TTL.
 * This node's own ({@link MemoryRevokedTokens}) or, with {@code herald.broker=redis},
 * the cluster's ({@link RedisRevokedTokens}).
 */
public interface RevokedTokens {

    /**
     * Refuses the token from now on, on every node that shares this store.
     *
     * @throws dev.herald.http.ProblemException 503 when a shared store could not take it
     *                                          (this node refuses it all the same)
     */
    void revoke(String tokenId, long expiresAtMillis);

    /** As far as this node knows right now; never fails. */
    boolean isRevoked(String tokenId);

    /**
     * For admitting a request: like {@link #isRevoked}, but a shared store that cannot
     * answer refuses the request (503) rather than guess that a token is still good.
     */
    default boolean checkRevoked(String tokenId) {
        return isRevoked(tokenId);
    }
}
