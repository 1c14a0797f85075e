package dev.herald.security.limits;

import dev.herald.boot.Storage;
import dev.herald.http.ProblemException;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open streams per user and per client address ({@link StreamCounts}: this node's,
 * or with Redis the cluster's) and on the whole node, and refuses one more past a limit:
 * 429 for a user or an address (someone is holding too many), 503 for the node (it is full,
 * try another). Every stream admitted holds a {@link Permit} until it closes.
 */
public final class StreamLimits implements AutoCloseable {
    private final StreamCounts counts;
    private final int total;
    private final AtomicInteger open = new AtomicInteger();

    public StreamLimits(StreamCounts counts, int total) {
        this.counts = counts;
        this.total = total;
    }

    /** This node's counts alone. */
    public StreamLimits(int perUser, int perAddress, int total) {
        this(new MemoryStreamCounts(new StreamQuota(perUser, perAddress)), total);
    }

    /**
     * The limits where state lives ({@link Storage#choose}): with Redis, per user and per
     * address for the cluster, their leases renewed on {@code scheduler}.
     *
     * @param nodeId tells this node's permits from the others' in Redis
     */
    public static StreamLimits of(Storage storage, LimitSettings limits, String nodeId, ScheduledExecutorService scheduler) {
        var quota = new StreamQuota(limits.streamsPerUser(), limits.streamsPerAddress());
        StreamCounts counts = storage.choose(() -> new MemoryStreamCounts(quota),
                redis -> RedisStreamCounts.renewing(redis.keys(), nodeId, quota, scheduler));
        return new StreamLimits(counts, limits.connections());
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
        try {
            return new Permit(counts.take(userId, address));
        } catch (RuntimeException refused) {
            open.decrementAndGet();
            throw refused;
        }
    }

    public int open() {
        return open.get();
    }

    @Override
    public void close() {
        counts.close();
    }

    /** One admitted stream's share of the limits; released once, however often asked. */
    public final class Permit {
        private final Runnable slots;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Runnable slots) {
            this.slots = slots;
        }

        public void release() {
            if (!released.compareAndSet(false, true)) return;
            try {
                slots.run();
            } finally {
                open.decrementAndGet();
            }
        }
    }
}
