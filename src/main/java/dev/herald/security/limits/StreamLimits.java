package dev.herald.security.limits;

import dev.herald.http.ProblemException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open streams per user, per client address and on the whole node, and
 * refuses one more past a limit: 429 for a user or an address (someone is holding
 * too many), 503 for the node (it is full, try another). Every stream admitted
 * holds a {@link Permit} until it closes.
 */
public final class StreamLimits {
    /** A full node or user frees a slot when some stream ends; clients should not hammer meanwhile. */
    static final long RETRY_AFTER_SECONDS = 5;

    private final int perUser;
    private final int perAddress;
    private final int total;
    private final Map<String, AtomicInteger> users = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> addresses = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    public StreamLimits(int perUser, int perAddress, int total) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.total = total;
    }

    /**
     * @param userId  the signed-in user, or null (anonymous and publisher streams count by address only)
     * @param address the client address, or null when it is exempt from per-address limits
     */
    public Permit acquire(String userId, String address) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            throw ProblemException.unavailable("this node holds its maximum of " + total + " streams; retry, or connect to another node");
        }
        if (userId != null && !take(users, userId, perUser)) {
            open.decrementAndGet();
            throw ProblemException.tooManyRequests("at most " + perUser + " open streams per user; close one first", RETRY_AFTER_SECONDS);
        }
        if (address != null && !take(addresses, address, perAddress)) {
            if (userId != null) give(users, userId);
            open.decrementAndGet();
            throw ProblemException.tooManyRequests("at most " + perAddress + " open streams per client address", RETRY_AFTER_SECONDS);
        }
        return new Permit(userId, address);
    }

    public int open() {
        return open.get();
    }

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

    /** One admitted stream's share of the limits; released once, however often asked. */
    public final class Permit {
        private final String userId;
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String userId, String address) {
            this.userId = userId;
            this.address = address;
        }

        public void release() {
            if (!released.compareAndSet(false, true)) return;
            if (userId != null) give(users, userId);
            if (address != null) give(addresses, address);
            open.decrementAndGet();
        }
    }
}
