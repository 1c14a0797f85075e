package dev.herald.security.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets of this node, keyed by who is asking (an address, a user, a publisher):
 * each holds up to {@code rate.permits()} and refills at that many per {@code rate.per()}.
 * Idle buckets are dropped once there are many keys, so a flood of addresses cannot
 * grow memory without bound.
 */
public final class MemoryThrottle implements Throttle {
    /** Keys kept before full (idle) buckets are swept. */
    static final int SWEEP_AT = 50_000;

    private final Rate rate;
    private final LongSupplier nanoClock;
    private final double permitsPerNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public MemoryThrottle(Rate rate) {
        this(rate, System::nanoTime);
    }

    MemoryThrottle(Rate rate, LongSupplier nanoClock) {
        this.rate = rate;
        this.nanoClock = nanoClock;
        this.permitsPerNano = (double) rate.permits() / rate.per().toNanos();
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
            bucket.refill(now, permitsPerNano, rate.permits());
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
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
                e.getValue().refill(now, permitsPerNano, rate.permits());
                return e.getValue().tokens >= rate.permits();
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now, double perNano, int max) {
            if (now > at) {
                tokens = Math.min(max, tokens + (now - at) * perNano);
                at = now;
            }
        }
    }
}
