package dev.herald.security.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Buckets of this node, keyed by who is asking (an address, a user, a publisher): each holds
 * up to {@code rate.permits()} and gets them back as the rate's {@link Rate.Refill} says.
 * Full buckets are dropped once there are many keys, so a flood of addresses cannot grow
 * memory without bound.
 */
public final class MemoryThrottle implements Throttle {
    /** Keys kept before full (idle) buckets are swept. */
    static final int SWEEP_AT = 50_000;

    private final Rate rate;
    private final LongSupplier nanoClock;
    private final long periodNanos;
    private final double permitsPerNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public MemoryThrottle(Rate rate) {
        this(rate, System::nanoTime);
    }

    /** @param nanoClock a monotonic clock in nanoseconds (a test's, or chat's own) */
    public MemoryThrottle(Rate rate, LongSupplier nanoClock) {
        this.rate = rate;
        this.nanoClock = nanoClock;
        this.periodNanos = rate.per().toNanos();
        this.permitsPerNano = (double) rate.permits() / periodNanos;
    }

    @Override
    public Rate rate() {
        return rate;
    }

    @Override
    public Duration tryAcquire(String key) {
        if (buckets.size() >= SWEEP_AT) sweep();
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(rate.permits(), now));
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                // A window opens with the first permit taken from a full bucket.
                if (rate.refill() == Rate.Refill.WHOLE && bucket.tokens >= rate.permits()) bucket.at = now;
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
            if (rate.refill() == Rate.Refill.WHOLE) return Duration.ofNanos(bucket.at + periodNanos - now);
            return Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / permitsPerNano));
        }
    }

    int keys() {
        return buckets.size();
    }

    private void sweep() {
        long now = nanoClock.getAsLong();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                refill(e.getValue(), now);
                return e.getValue().tokens >= rate.permits();
            }
        });
    }

    /** {@code at}: when it was last refilled ({@code GRADUAL}), or when its window opened ({@code WHOLE}). */
    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

    }

    private void refill(Bucket b, long now) {
        if (rate.refill() == Rate.Refill.WHOLE) {
            if (b.tokens < rate.permits() && now - b.at >= periodNanos) b.tokens = rate.permits();
        } else if (now > b.at) {
            b.tokens = Math.min(rate.permits(), b.tokens + (now - b.at) * permitsPerNano);
            b.at = now;
        }
    }
}
