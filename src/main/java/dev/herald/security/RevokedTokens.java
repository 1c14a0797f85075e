package dev.herald.security;

/**
 * Token ids signed out before their expiry. Entries need live only until the token
 * would have expired anyway, so the set stays as small as the sign-outs of one TTL.
 * Behind an interface so a shared store (Redis) can serve every node.
 */
public interface RevokedTokens {

    void revoke(String tokenId, long expiresAtMillis);

    boolean isRevoked(String tokenId);
}
