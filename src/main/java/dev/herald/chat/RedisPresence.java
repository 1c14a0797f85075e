package dev.herald.chat;

import dev.herald.redis.KeySpace;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Presence of the whole cluster. Each node counts its own streams ({@link MemoryPresence})
 * and announces "user is here, through this node" in a sorted set per room whose scores
 * are expiry times. The node renews its entries ({@link #refresh}, every few seconds) while
 * their streams are open, so a node that dies takes its users offline within {@code ttl};
 * readers count only unexpired entries.
 */
public final class RedisPresence implements Presence {
    public static final Duration REFRESH = Duration.ofSeconds(5);
    public static final Duration TTL = Duration.ofSeconds(15);

    private static final Logger LOG = Logger.getLogger(RedisPresence.class.getName());

    private final MemoryPresence local = new MemoryPresence();
    private final UnifiedJedis redis;
    private final String prefix;
    private final String nodeId;
    private final Clock clock;

    public RedisPresence(KeySpace keys, String nodeId, Clock clock) {
        this.redis = keys.redis();
        this.prefix = keys.prefix() + "presence:";
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @Override
    public boolean opened(String roomId, String userId) {
        if (!local.opened(roomId, userId)) return false;
        announce(() -> redis.zadd(prefix + roomId, expiry(), member(userId)));
        return true;
    }

    @Override
    public boolean closed(String roomId, String userId) {
        if (!local.closed(roomId, userId)) return false;
        announce(() -> redis.zrem(prefix + roomId, member(userId)));
        return true;
    }

    @Override
    public Set<String> online(String roomId) {
        var users = new LinkedHashSet<String>();
        for (String m : redis.zrangeByScore(prefix + roomId, "(" + clock.millis(), "+inf")) {
            users.add(m.substring(0, m.lastIndexOf('\n')));
        }
        return users;
    }

    @Override
    public int onlineCount(String roomId) {
        return online(roomId).size();
    }

    @Override
    public void refresh() {
        double expiry = expiry();
        for (var room : local.entries().entrySet()) {
            Map<String, Double> members = new HashMap<>();
            for (String user : room.getValue()) members.put(member(user), expiry);
            redis.zadd(prefix + room.getKey(), members);
            // Whoever refreshes a room sweeps what dead nodes left behind.
            redis.zremrangeByScore(prefix + room.getKey(), "-inf", Long.toString(clock.millis()));
        }
    }

    /** A stream opens or closes whether or not Redis answers: the next refresh or the TTL catches up. */
    private static void announce(Runnable change) {
        try {
            change.run();
        } catch (JedisException e) {
            LOG.fine(() -> "presence not announced: " + e.getMessage());
        }
    }

    private double expiry() {
        return clock.millis() + TTL.toMillis();
    }

    private String member(String userId) {
        return userId + "\n" + nodeId;
    }
}
