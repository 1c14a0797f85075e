package dev.herald.security.limits;

import dev.herald.boot.Storage;
import dev.herald.http.ProblemException;

import java.time.Duration;

/**
 * Herald's one limiter: a bucket of a {@link Rate}'s permits per key (an address, a user, a
 * publisher). This node's own ({@link MemoryThrottle}) or, with {@code herald.broker=redis},
 * one bucket per key for the whole cluster ({@link RedisThrottle}), so N nodes do not allow N
 * times the rate. Request rates and chat's message rate alike.
 */
public interface Throttle {

    Rate rate();

    /** @return {@link Duration#ZERO} if a permit was taken, else how long until one is free */
    Duration tryAcquire(String key);

    /**
     * Takes a permit for {@code key}, or refuses: 429 with {@code Retry-After} in whole seconds,
     * at least 1, never sooner than a permit is free.
     *
     * @param what what is counted, for the refusal ("writes by one user")
     */
    default void take(String key, String what) {
        Duration wait = tryAcquire(key);
        if (wait.isZero()) return;
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        throw ProblemException.tooManyRequests("too many " + what + " (" + rate() + "); retry in " + seconds + " s", seconds);
    }

    /**
     * The throttle of {@code rate} where state lives ({@link Storage#choose}).
     *
     * @param name tells this limit's keys apart from the others' in Redis ({@code write}, {@code chat}, …)
     */
    static Throttle of(Storage storage, String name, Rate rate) {
        return storage.choose(() -> new MemoryThrottle(rate), redis -> new RedisThrottle(redis.keys(), name, rate));
    }
}
