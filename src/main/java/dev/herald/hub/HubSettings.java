package dev.herald.hub;

import java.time.Duration;
import java.util.Set;

/**
 * The hub's knobs, read once from configuration at start.
 *
 * @param queueCapacity   live events a subscriber may have waiting before it counts as slow
 * @param heartbeat       quiet time after which a stream gets a heartbeat
 * @param retryMillis     the {@code retry:} the stream opens with
 * @param volatileTypes   event types fanned out but never retained, besides those a capability
 *                        registers ({@link EventHub#registerVolatileTypes})
 * @param maxTopics       topics one stream may ask for
 * @param writerThreads   fan-out threads (the writes themselves run on virtual threads, one per write)
 */
public record HubSettings(int queueCapacity, Duration heartbeat, long retryMillis, Set<String> volatileTypes,
                          int maxTopics, int writerThreads) {

    public HubSettings withQueueCapacity(int capacity) {
        return new HubSettings(capacity, heartbeat, retryMillis, volatileTypes, maxTopics, writerThreads);
    }

    public HubSettings withHeartbeat(Duration interval) {
        return new HubSettings(queueCapacity, interval, retryMillis, volatileTypes, maxTopics, writerThreads);
    }
}
