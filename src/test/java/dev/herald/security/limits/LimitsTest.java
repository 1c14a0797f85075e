package dev.herald.security.limits;

import dev.herald.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** The small limit classes: token buckets and open-stream counters. */
class LimitsTest {

    @Test
    void aBucketAllowsItsBurstThenRefillsAtItsRate() {
        var clock = new AtomicLong();
        var limiter = new MemoryThrottle(Rate.parse("k", "5/s"), clock::get);
        for (int i = 0; i < 5; i++) assertEquals(Duration.ZERO, limiter.tryAcquire("a"));
        Duration wait = limiter.tryAcquire("a");
        assertEquals(Duration.ofMillis(200), wait, "one permit every 200 ms");
        assertEquals(Duration.ZERO, limiter.tryAcquire("b"), "keys are independent");
        clock.addAndGet(Duration.ofMillis(200).toNanos());
        assertEquals(Duration.ZERO, limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a").toMillis() > 0);
    }

    @Test
    void aWindowOpensWithTheFirstPermitAndComesBackWhole() {
        var clock = new AtomicLong();
        var limiter = new MemoryThrottle(Rate.window(3, Duration.ofSeconds(5)), clock::get);
        clock.set(Duration.ofSeconds(100).toNanos());
        assertEquals(Duration.ZERO, limiter.tryAcquire("a"), "an idle key's window opens now, not when it was first seen");
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Duration.ZERO, limiter.tryAcquire("a"));
        assertEquals(Duration.ZERO, limiter.tryAcquire("a"));
        assertEquals(Duration.ofSeconds(3), limiter.tryAcquire("a"), "until the window the first opened ends");
        clock.addAndGet(Duration.ofSeconds(3).toNanos() - 1);
        assertEquals(Duration.ofNanos(1), limiter.tryAcquire("a"), "a refusal is not counted");
        clock.addAndGet(1);
        for (int i = 0; i < 3; i++) assertEquals(Duration.ZERO, limiter.tryAcquire("a"), "all permits back at once, #" + i);
        assertTrue(limiter.tryAcquire("a").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void idleBucketsAreSweptSoKeysCannotGrowWithoutBound() {
        var clock = new AtomicLong();
        var limiter = new MemoryThrottle(Rate.parse("k", "1/s"), clock::get);
        for (int i = 0; i < MemoryThrottle.SWEEP_AT; i++) limiter.tryAcquire("addr-" + i);
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        limiter.tryAcquire("one-more");
        assertTrue(limiter.keys() < 10, "swept to " + limiter.keys());
    }

    @Test
    void ratesParse() {
        assertEquals(new Rate(20, Duration.ofSeconds(1)), Rate.parse("k", "20/s"));
        assertEquals(new Rate(30, Duration.ofMinutes(1)), Rate.parse("k", "30/m"));
        assertEquals(new Rate(5, Duration.ofSeconds(10)), Rate.parse("k", "5/10s"));
        assertEquals(new Rate(1, Duration.ofMillis(500)), Rate.parse("k", "1/500ms"));
        for (String bad : new String[]{"20", "/s", "0/s", "x/s", "5/", "5/0s", "5/lots"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Rate.parse("herald.limit.x", bad), bad);
            assertTrue(e.getMessage().startsWith("herald.limit.x"), e.getMessage());
        }
    }

    @Test
    void streamsAreCountedPerUserPerAddressAndPerNode() {
        var counts = new MemoryStreamCounts(new StreamQuota(2, 3));
        var limits = new StreamLimits(counts, 5);
        var a1 = limits.acquire("alice", "10.0.0.1");
        limits.acquire("alice", "10.0.0.1");
        var tooMany = assertThrows(ProblemException.class, () -> limits.acquire("alice", "10.0.0.2"));
        assertEquals(429, tooMany.problem().status());
        assertEquals("5", tooMany.headers().get("Retry-After"));

        limits.acquire(null, "10.0.0.1");
        var perAddress = assertThrows(ProblemException.class, () -> limits.acquire("bob", "10.0.0.1"));
        assertEquals(429, perAddress.problem().status());
        assertEquals(0, counts.openFor("bob", null), "a refusal by address gives the user's slot back");

        limits.acquire("bob", "10.0.0.2");
        limits.acquire(null, null);
        var full = assertThrows(ProblemException.class, () -> limits.acquire("carol", "10.0.0.9"));
        assertEquals(503, full.problem().status());
        assertEquals(5, limits.open());

        a1.release();
        a1.release();
        assertEquals(4, limits.open(), "a permit is released once");
        limits.acquire("alice", "10.0.0.3");
    }
}
