package dev.herald.hub;

import java.util.List;

/**
 * Registered by a capability for its topics: the current state a new subscriber
 * receives at once (the latest metrics, the user's room list).
 */
@FunctionalInterface
public interface SnapshotProvider {

    /** @param userId the subscriber, or null when anonymous */
    List<Frame.Snapshot> snapshot(String topic, String userId);
}
