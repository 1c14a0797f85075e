package dev.herald.chat;

/**
 * How fast one user may post: at most a number of messages within any window. This
 * node's own ({@link MemoryMessageRate}) or, with {@code herald.broker=redis}, the cluster's
 * ({@link RedisMessageRate}), so posting through N nodes is no faster than through one.
 */
public interface MessageRate {

    /** @return 0 when a message may be posted (and it is counted), else the ms until one may */
    long tryAcquire(String userId, long nowMillis);

    /** Forgets users with nothing in their window; called on a schedule. */
    default void prune(long nowMillis) {
    }
}
