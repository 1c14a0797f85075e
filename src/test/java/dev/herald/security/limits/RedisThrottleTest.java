package dev.herald.security.limits;

import dev.herald.broker.RedisTestSupport;
import dev.herald.redis.KeySpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster's token buckets against a real Redis: two throttles stand for two nodes. */
class RedisThrottleTest {
    private static final String URL = RedisTestSupport.url();
    private final String prefix = RedisTestSupport.uniquePrefix("throttle");
    private final RedisClient redis = RedisClient.create(URI.create(URL));

    @BeforeAll
    static void needsRedis() {
        RedisTestSupport.requireRedis(URL, "RedisThrottleTest");
    }

    @AfterEach
    void clean() {
        RedisTestSupport.deleteKeys(URL, prefix);
        redis.close();
    }

    private RedisThrottle node(String rate) {
        return new RedisThrottle(new KeySpace(redis, prefix), "write", Rate.parse("test", rate));
    }

    @Test
    void twoNodesShareOneBucketPerKey() {
        RedisThrottle a = node("4/m");
        RedisThrottle b = node("4/m");
        assertEquals(Duration.ZERO, a.tryAcquire("alice"));
        assertEquals(Duration.ZERO, b.tryAcquire("alice"));
        assertEquals(Duration.ZERO, a.tryAcquire("alice"));
        assertEquals(Duration.ZERO, b.tryAcquire("alice"));
        Duration wait = b.tryAcquire("alice");
        assertTrue(wait.compareTo(Duration.ofSeconds(10)) > 0 && wait.compareTo(Duration.ofSeconds(16)) <= 0,
                "the fifth in a minute waits about a quarter of a minute for the next permit, on either node: " + wait);
        assertTrue(a.tryAcquire("alice").compareTo(Duration.ZERO) > 0, "and the other node refuses too");
        assertEquals(Duration.ZERO, a.tryAcquire("bob"), "another caller has a bucket of its own");
    }

    @Test
    void theBucketRefillsAtTheRateAndARefusalWaitsNoLongerThanItSays() throws InterruptedException {
        RedisThrottle a = node("2/400ms");
        RedisThrottle b = node("2/400ms");
        assertEquals(Duration.ZERO, a.tryAcquire("k"));
        assertEquals(Duration.ZERO, b.tryAcquire("k"));
        Duration wait = a.tryAcquire("k");
        assertTrue(wait.toMillis() > 0 && wait.toMillis() <= 200, "one permit comes back every 200 ms: " + wait);
        Thread.sleep(wait.toMillis() + 20);
        assertEquals(Duration.ZERO, b.tryAcquire("k"), "after the wait it was told, the other node admits it");
    }

    /** Chat's message rate: the window opens with the first message, on whichever node, and all its permits come back when it ends. */
    @Test
    void aWindowIsSharedAndComesBackWhole() throws InterruptedException {
        var rate = Rate.window(3, Duration.ofMillis(600));
        var a = new RedisThrottle(new KeySpace(redis, prefix), "chat", rate);
        var b = new RedisThrottle(new KeySpace(redis, prefix), "chat", rate);
        assertEquals(Duration.ZERO, a.tryAcquire("alice"));
        Thread.sleep(200);
        assertEquals(Duration.ZERO, b.tryAcquire("alice"));
        assertEquals(Duration.ZERO, a.tryAcquire("alice"));
        Duration wait = b.tryAcquire("alice");
        assertTrue(wait.toMillis() > 0 && wait.toMillis() <= 400,
                "the fourth waits for the end of the window the first opened, not for a permit of its own: " + wait);
        assertEquals(Duration.ZERO, a.tryAcquire("bob"), "another user has a window of their own");
        Thread.sleep(wait.toMillis() + 20);
        for (int i = 0; i < 3; i++) assertEquals(Duration.ZERO, (i % 2 == 0 ? a : b).tryAcquire("alice"), "all three are back, #" + i);
        assertTrue(a.tryAcquire("alice").compareTo(Duration.ZERO) > 0);
    }

    @Test
    void anUnreachableRedisLeavesEachNodeLimitingOnItsOwn() {
        try (var nowhere = RedisClient.create(URI.create("redis://127.0.0.1:1"))) {
            var alone = new RedisThrottle(new KeySpace(nowhere, prefix), "write", Rate.parse("test", "2/m"));
            assertEquals(Duration.ZERO, alone.tryAcquire("carol"));
            assertEquals(Duration.ZERO, alone.tryAcquire("carol"));
            assertTrue(alone.tryAcquire("carol").compareTo(Duration.ZERO) > 0, "the node's own bucket still refuses the third");
        }
    }
}
