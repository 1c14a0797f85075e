package dev.herald.security.limits;

import dev.herald.redis.KeySpace;
import dev.herald.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * A bucket per key shared by every node in Redis ({@code throttle.lua}, one atomic script on
 * Redis's clock, refilling as the rate's {@link Rate.Refill} says). While Redis cannot answer, this node falls back to a bucket of
 * its own, so limits still hold per node instead of failing every request.
 */
public final class RedisThrottle implements Throttle {
    private static final Logger LOG = Logger.getLogger(RedisThrottle.class.getName());
    private static final LuaScript SCRIPT = LuaScript.load(RedisThrottle.class, "clock.lua", "throttle.lua");

    private final UnifiedJedis redis;
    private final String prefix;
    private final Rate rate;
    private final MemoryThrottle fallback;
    private final RedisOutage outage;

    /** @param name tells this limit's keys apart from the others' ({@code write}, {@code connect}, …) */
    public RedisThrottle(KeySpace keys, String name, Rate rate) {
        this.redis = keys.redis();
        this.prefix = keys.prefix() + "limit:" + name + ":";
        this.rate = rate;
        this.fallback = new MemoryThrottle(rate);
        this.outage = new RedisOutage(LOG, "rate limits (" + prefix + ")");
    }

    @Override
    public Rate rate() {
        return rate;
    }

    @Override
    public Duration tryAcquire(String key) {
        try {
            Object wait = SCRIPT.run(redis, List.of(prefix + key),
                    List.of(Integer.toString(rate.permits()), Long.toString(Math.max(1, rate.per().toMillis())),
                            rate.refill() == Rate.Refill.WHOLE ? "whole" : "gradual"));
            outage.answered();
            return Duration.ofMillis(((Number) wait).longValue());
        } catch (JedisException e) {
            outage.failed(e);
            return fallback.tryAcquire(key);
        }
    }
}
