package dev.herald.chat;

import dev.herald.redis.LuaScript;
import dev.herald.redis.RedisConnection;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The chat rate limit of the whole cluster: a sliding window per user in Redis (a sorted
 * set of post times, {@code message-rate.lua}), so N nodes allow the configured rate, not
 * N times it. Times are the nodes' clocks (kept in step by NTP); a refused post is not
 * counted, as on one node. Redis unreachable fails the post like the rest of chat (503).
 */
public final class RedisMessageRate implements MessageRate {
    private static final LuaScript SCRIPT = LuaScript.load(RedisMessageRate.class, "message-rate.lua");

    private final UnifiedJedis redis;
    private final String prefix;
    private final int limit;
    private final long windowMillis;

    public RedisMessageRate(RedisConnection connection, int limit, Duration window) {
        this(connection.client(), connection.prefix(), limit, window);
    }

    RedisMessageRate(UnifiedJedis redis, String prefix, int limit, Duration window) {
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
        this.redis = redis;
        this.prefix = prefix + "chat:rate:";
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    @Override
    public long tryAcquire(String userId, long nowMillis) {
        Object wait = SCRIPT.run(redis, List.of(prefix + userId), List.of(Integer.toString(limit),
                Long.toString(windowMillis), Long.toString(nowMillis), UUID.randomUUID().toString()));
        return ((Number) wait).longValue();
    }
}
