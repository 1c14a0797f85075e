package dev.herald.hub;

import java.util.Set;

/**
 * One stream's backlog at a moment: what the operator view lists and the queue metrics sum.
 *
 * @param queued          events waiting in its queue or in the write under way
 * @param oldestNanos     how long ago the oldest of them was accepted (0 when none)
 * @param sinceWriteNanos how long since its last write returned
 */
public record StreamLag(long id, String userId, Set<String> topics, String transport, int queued, long oldestNanos,
                        long sinceWriteNanos) {
}
