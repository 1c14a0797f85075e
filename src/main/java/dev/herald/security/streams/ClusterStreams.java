package dev.herald.security.streams;

import dev.herald.http.ProblemException;
import dev.herald.redis.KeySpace;
import dev.herald.security.identity.Authentication;
import dev.herald.security.identity.Identity;
import dev.herald.security.signout.SignOutFeed;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

import static dev.herald.http.Jsonp.JSON;

/**
 * Renewals of streams held by another node, through Redis. A stream that says
 * {@code expiring} is listed under its id ({@code <prefix>stream:<id>} = its user, expiring
 * with its credential), so any node can tell a stream it may renew from one that is gone; the
 * renewal itself goes to every node on {@code <prefix>streams}, heard by {@link SignOutFeed}
 * beside the sign-outs, and the node holding the stream takes it.
 */
public final class ClusterStreams {
    private static final Logger LOG = Logger.getLogger(ClusterStreams.class.getName());

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final String channel;

    public ClusterStreams(KeySpace keys) {
        this.redis = keys.redis();
        this.keyPrefix = keys.prefix() + "stream:";
        this.channel = keys.prefix() + "streams";
    }

    public String channel() {
        return channel;
    }

    /** Lists a stream this node holds until {@code expiresAt}; without Redis it can be renewed only here. */
    void listed(String streamId, String userId, long expiresAt) {
        if (expiresAt <= System.currentTimeMillis()) return;
        try {
            redis.set(keyPrefix + streamId, userId, SetParams.setParams().pxAt(expiresAt));
        } catch (JedisException e) {
            LOG.warning(() -> "a stream can be renewed only on its own node while Redis cannot answer: " + e.getMessage());
        }
    }

    void unlisted(String streamId) {
        try {
            redis.del(keyPrefix + streamId);
        } catch (JedisException e) {
            // It expires with the credential anyway.
        }
    }

    /** The user of a stream listed by some node, or null when none is. */
    String userOf(String streamId) {
        try {
            return redis.get(keyPrefix + streamId);
        } catch (JedisException e) {
            throw ProblemException.unavailable("the stream's node cannot be reached right now (Redis); retry shortly");
        }
    }

    /** Hands a renewal to every node; the one holding the stream takes it. */
    void renew(String streamId, Authentication who) {
        var roles = JSON.createArrayBuilder();
        who.identity().roles().forEach(roles::add);
        String message = JSON.createObjectBuilder()
                .add("stream", streamId)
                .add("user", who.identity().id())
                .add("name", who.identity().name())
                .add("roles", roles)
                .add("token", who.tokenId() == null ? JsonValue.NULL : JSON.createValue(who.tokenId()))
                .add("expiresAt", who.expiresAt())
                .build().toString();
        try {
            redis.publish(channel, message);
        } catch (JedisException e) {
            throw ProblemException.unavailable("the stream's node cannot be reached right now (Redis); retry shortly");
        }
    }

    /** A renewal some node announced, or null for a message that is not one. */
    public static Heard heard(String message) {
        try (var reader = JSON.createReader(new StringReader(message))) {
            JsonObject o = reader.readObject();
            Set<String> roles = new HashSet<>();
            for (var role : o.getJsonArray("roles")) roles.add(((JsonString) role).getString());
            String token = o.isNull("token") ? null : o.getString("token");
            var who = new Authentication(new Identity(o.getString("user"), o.getString("name"), roles), token,
                    o.getJsonNumber("expiresAt").longValueExact());
            return new Heard(o.getString("stream"), who);
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException malformed) {
            return null;
        }
    }

    public record Heard(String streamId, Authentication who) {
    }
}
