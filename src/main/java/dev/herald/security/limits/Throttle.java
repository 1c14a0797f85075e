package dev.herald.security.limits;

import java.time.Duration;

/**
 * A rate limit keyed by who is asking: a token bucket of {@link #rate()} per key. This
 * node's own ({@link MemoryThrottle}) or, with {@code herald.broker=redis}, one bucket per key
 * for the whole cluster ({@link RedisThrottle}), so N nodes do not allow N times the rate.
 */
public interface Throttle {

    Rate rate();

    /** @return {@link Duration#ZERO} if a permit was taken, else how long until one is free */
    Duration tryAcquire(String key);
}
