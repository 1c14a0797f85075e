package dev.herald.security.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** This node's own counts of open streams per user and per address. */
public final class MemoryStreamCounts implements StreamCounts {
    private final StreamQuota quota;
    private final Map<String, AtomicInteger> users = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> addresses = new ConcurrentHashMap<>();

    public MemoryStreamCounts(StreamQuota quota) {
        this.quota = quota;
    }

    @Override
    public Runnable take(String userId, String address) {
        if (userId != null && !take(users, userId, quota.perUser())) throw quota.userFull();
        if (address != null && !take(addresses, address, quota.perAddress())) {
            if (userId != null) give(users, userId);
            throw quota.addressFull();
        }
        return () -> {
            if (userId != null) give(users, userId);
            if (address != null) give(addresses, address);
        };
    }

    /** Streams counted for the user, or when null for the address. */
    int openFor(String userId, String address) {
        var counter = userId != null ? users.get(userId) : addresses.get(address);
        return counter == null ? 0 : counter.get();
    }

    private static boolean take(Map<String, AtomicInteger> counts, String key, int limit) {
        var admitted = new boolean[1];
        counts.compute(key, (k, n) -> {
            if (n == null) n = new AtomicInteger();
            if (n.get() < limit) {
                n.incrementAndGet();
                admitted[0] = true;
            }
            return n.get() == 0 ? null : n;
        });
        return admitted[0];
    }

    private static void give(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}
