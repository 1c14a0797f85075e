package dev.herald.security.signout;

import dev.herald.http.ProblemException;
import dev.herald.redis.KeySpace;
import dev.herald.security.identity.RevokedTokens;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The cluster's sign-outs, in Redis: one key per revoked token id that expires with the
 * token ({@code <prefix>revoked:<jti>}), and a message on {@code <prefix>signouts} so every
 * node ends that token's streams at once ({@link SignOutFeed}). A request is checked against
 * Redis itself, so a token signed out on one node is refused on every other from that moment.
 * Sign-outs heard of are also kept here, so they stay refused while Redis is away.
 */
public final class RedisRevokedTokens implements RevokedTokens {
    private static final Logger LOG = Logger.getLogger(RedisRevokedTokens.class.getName());

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final String channel;
    private final MemoryRevokedTokens known = new MemoryRevokedTokens();

    public RedisRevokedTokens(KeySpace keys) {
        this.redis = keys.redis();
        this.keyPrefix = keys.prefix() + "revoked:";
        this.channel = keys.prefix() + "signouts";
    }

    /** Where sign-outs are announced. */
    public String channel() {
        return channel;
    }

    @Override
    public void revoke(String tokenId, long expiresAtMillis) {
        known.revoke(tokenId, expiresAtMillis);
        if (expiresAtMillis <= System.currentTimeMillis()) return;
        try {
            // The key first, then the message: a node that hears of it, or opens a stream
            // after it, finds the key in place.
            redis.set(keyPrefix + tokenId, "1", SetParams.setParams().pxAt(expiresAtMillis));
            redis.publish(channel, tokenId + " " + expiresAtMillis);
        } catch (JedisException e) {
            LOG.warning(() -> "a sign-out reached only this node, Redis cannot answer: " + e.getMessage());
            throw ProblemException.unavailable("the sign-out could not reach every node; retry");
        }
    }

    /** While Redis cannot answer, not as far as this node knows: the feed checks every open stream again when it is back. */
    @Override
    public boolean isRevoked(String tokenId) {
        return revoked(tokenId, () -> false);
    }

    @Override
    public boolean checkRevoked(String tokenId) {
        return revoked(tokenId, () -> {
            throw ProblemException.unavailable("whether this session is still signed in cannot be checked right now (Redis); retry shortly");
        });
    }

    private boolean revoked(String tokenId, BooleanSupplier whenRedisCannotAnswer) {
        if (known.isRevoked(tokenId)) return true;
        try {
            return redis.exists(keyPrefix + tokenId);
        } catch (JedisException e) {
            return whenRedisCannotAnswer.getAsBoolean();
        }
    }

    /**
     * A sign-out announced by some node ({@code "<jti> <expiresAtMillis>"}), remembered here
     * until the token would have expired.
     *
     * @return the token id, or null for a message that is not a sign-out
     */
    String heard(String message) {
        int space = message.indexOf(' ');
        if (space <= 0) return null;
        try {
            String tokenId = message.substring(0, space);
            known.revoke(tokenId, Long.parseLong(message.substring(space + 1)));
            return tokenId;
        } catch (NumberFormatException malformed) {
            return null;
        }
    }
}
