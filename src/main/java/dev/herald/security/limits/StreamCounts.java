package dev.herald.security.limits;

import dev.herald.http.ProblemException;

/**
 * Where open streams are counted per user and per client address: this node's memory
 * ({@link MemoryStreamCounts}) or, with {@code herald.broker=redis}, the cluster's
 * ({@link RedisStreamCounts}), so a user cannot hold the limit on every node at once.
 */
public interface StreamCounts extends AutoCloseable {

    /**
     * Counts one more stream of {@code userId} and of {@code address} (either null: not
     * counted by it), both or neither.
     *
     * @return gives the stream's slots back; to be run once
     * @throws ProblemException 429 ({@link StreamQuota}) when either already holds its limit
     */
    Runnable take(String userId, String address);

    /** Stops any background work; the slots still held are given up with their streams. */
    @Override
    default void close() {
    }
}
