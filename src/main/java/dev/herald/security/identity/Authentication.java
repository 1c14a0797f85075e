package dev.herald.security.identity;

/**
 * An identity with the credential it came with: the token's id (for sign-out) and
 * when it stops being valid (streams end then).
 *
 * @param tokenId        the credential's {@code jti}, or null when it has none (the publisher token)
 * @param expiresAt      epoch milliseconds, {@link Long#MAX_VALUE} for credentials that do not expire
 * @param lifetimeMillis how long a renewal of this session lasts, or 0 when the credential does not say
 */
public record Authentication(Identity identity, String tokenId, long expiresAt, long lifetimeMillis) {

    public Authentication(Identity identity, String tokenId, long expiresAt) {
        this(identity, tokenId, expiresAt, 0);
    }

    public boolean expires() {
        return expiresAt != Long.MAX_VALUE;
    }
}
