package dev.herald.chat;

import dev.herald.broker.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cluster's chat rate limit against a real Redis: two limiters stand for two nodes. */
class RedisMessageRateTest {
    private static final String URL = RedisTestSupport.url();
    private final String prefix = RedisTestSupport.uniquePrefix("message-rate");
    private final RedisClient redis = RedisClient.create(URI.create(URL));

    @BeforeAll
    static void needsRedis() {
        RedisTestSupport.requireRedis(URL, "RedisMessageRateTest");
    }

    @AfterEach
    void clean() {
        RedisTestSupport.deleteKeys(URL, prefix);
        redis.close();
    }

    @Test
    void postsThroughTwoNodesCountInOneSlidingWindow() {
        var a = new RedisMessageRate(redis, prefix, 3, Duration.ofSeconds(5));
        var b = new RedisMessageRate(redis, prefix, 3, Duration.ofSeconds(5));
        long t = 1_000_000;
        assertEquals(0, a.tryAcquire("alice", t));
        assertEquals(0, b.tryAcquire("alice", t + 1000));
        assertEquals(0, a.tryAcquire("alice", t + 2000));
        assertEquals(3000, b.tryAcquire("alice", t + 2000), "the fourth within 5 s waits until the first leaves the window");
        assertEquals(1000, a.tryAcquire("alice", t + 4000), "a refusal is not counted: the wait only shrinks");
        assertEquals(0, b.tryAcquire("alice", t + 5000), "the first post has left the window");
        assertEquals(0, a.tryAcquire("bob", t + 2000), "another user has a window of their own");
    }

    @Test
    void theSameRulesAsOneNode() {
        var memory = new MemoryMessageRate(2, Duration.ofSeconds(1));
        var shared = new RedisMessageRate(redis, prefix, 2, Duration.ofSeconds(1));
        long[] times = {0, 100, 200, 999, 1000, 1100, 1150, 2100};
        for (long t : times) {
            assertEquals(memory.tryAcquire("u", 10_000 + t), shared.tryAcquire("u", 10_000 + t), "at +" + t + " ms");
        }
    }
}
