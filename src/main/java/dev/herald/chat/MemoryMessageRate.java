package dev.herald.chat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sliding-window limit: at most {@code limit} acquisitions per key within any
 * {@code window}. Refused attempts are not counted, so a client that waits the
 * Retry-After it was given always gets through.
 */
public final class MemoryMessageRate implements MessageRate {
    private final int limit;
    private final long windowMillis;
    private final Map<String, ArrayDeque<Long>> recent = new ConcurrentHashMap<>();

    public MemoryMessageRate(int limit, Duration window) {
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    /** @return 0 when acquired, else the milliseconds until an attempt would succeed */
    @Override
    public long tryAcquire(String key, long nowMillis) {
        var times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= nowMillis - windowMillis) times.pollFirst();
            if (times.size() >= limit) return times.peekFirst() + windowMillis - nowMillis;
            times.addLast(nowMillis);
            return 0;
        }
    }

    /** Forgets keys with nothing in their window, so idle users cost no memory. */
    @Override
    public void prune(long nowMillis) {
        recent.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Long last = e.getValue().peekLast();
                return last == null || last <= nowMillis - windowMillis;
            }
        });
    }
}
