package dev.herald.security.limits;

import dev.herald.broker.RedisTestSupport;
import dev.herald.http.ProblemException;
import dev.herald.redis.KeySpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import redis.clients.jedis.RedisClient;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Open-stream limits of the cluster against a real Redis: two {@link StreamLimits} on one prefix are two nodes. */
class RedisStreamCountsTest {
    private static final String URL = RedisTestSupport.url();
    private static final String PER_USER = "at most 2 open streams per user; close one first";
    private static final String PER_ADDRESS = "at most 2 open streams per client address";
    private final String prefix = RedisTestSupport.uniquePrefix("streams");
    private final RedisClient redis = RedisClient.create(URI.create(URL));

    @BeforeAll
    static void needsRedis() {
        RedisTestSupport.requireRedis(URL, "RedisStreamCountsTest");
    }

    @AfterEach
    void clean() {
        RedisTestSupport.deleteKeys(URL, prefix);
        redis.close();
    }

    private StreamLimits node(String id, int perUser, int perAddress, Duration lease) {
        return new StreamLimits(new RedisStreamCounts(new KeySpace(redis, prefix), id, new StreamQuota(perUser, perAddress), lease), 100);
    }

    private static void refused(String detail, Executable acquire) {
        var e = assertThrows(ProblemException.class, acquire);
        assertEquals(429, e.problem().status());
        assertEquals(detail, e.problem().detail());
        assertEquals("5", e.headers().get("Retry-After"));
    }

    @Test
    void aUserAtTheLimitOnOneNodeIsRefusedOnTheOtherUntilAStreamCloses() {
        var a = node("A", 2, 100, Duration.ofSeconds(30));
        var b = node("B", 2, 100, Duration.ofSeconds(30));
        var first = a.acquire("alice", "10.0.0.1");
        b.acquire("alice", "10.0.0.2");
        refused(PER_USER, () -> b.acquire("alice", "10.0.0.3"));
        refused(PER_USER, () -> a.acquire("alice", "10.0.0.3"));
        assertEquals(1, b.open(), "a refused stream holds no share of the node");
        b.acquire("bob", "10.0.0.3");

        first.release();
        first.release();
        b.acquire("alice", "10.0.0.3");
        refused(PER_USER, () -> b.acquire("alice", "10.0.0.4"));
    }

    @Test
    void anAddressAtTheLimitIsRefusedOnEveryNodeAndItsUserKeepsNoSlot() {
        var a = node("A", 2, 2, Duration.ofSeconds(30));
        var b = node("B", 2, 2, Duration.ofSeconds(30));
        a.acquire(null, "10.0.0.1");
        var second = b.acquire(null, "10.0.0.1");
        refused(PER_ADDRESS, () -> a.acquire("bob", "10.0.0.1"));
        refused(PER_ADDRESS, () -> b.acquire("bob", "10.0.0.1"));
        a.acquire("bob", "10.0.0.2");
        b.acquire("bob", "10.0.0.3");

        second.release();
        a.acquire(null, "10.0.0.1");
    }

    @Test
    void aNodeThatStopsRenewingFreesItsStreamsWithinALease() throws InterruptedException {
        var lease = Duration.ofMillis(600);
        var counts = new RedisStreamCounts(new KeySpace(redis, prefix), "A", new StreamQuota(2, 2), lease);
        var a = new StreamLimits(counts, 100);
        var b = node("B", 2, 2, lease);
        a.acquire("alice", "10.0.0.1");
        a.acquire("alice", "10.0.0.1");
        for (int i = 0; i < 6; i++) {
            Thread.sleep(200);
            counts.renew();
        }
        refused(PER_USER, () -> b.acquire("alice", "10.0.0.2"));
        refused(PER_ADDRESS, () -> b.acquire("dave", "10.0.0.1"));

        // A dies: nobody renews its permits.
        Thread.sleep(lease.toMillis() + 200);
        b.acquire("alice", "10.0.0.2");
        b.acquire("alice", "10.0.0.2");
        refused(PER_USER, () -> b.acquire("alice", "10.0.0.3"));
        refused(PER_ADDRESS, () -> b.acquire("dave", "10.0.0.2"));
    }

    @Test
    void aRenewalCountsAgainTheStreamsRedisLost() {
        var counts = new RedisStreamCounts(new KeySpace(redis, prefix), "A", new StreamQuota(2, 100), Duration.ofSeconds(30));
        var a = new StreamLimits(counts, 100);
        var b = node("B", 2, 100, Duration.ofSeconds(30));
        a.acquire("alice", "10.0.0.1");
        a.acquire("alice", "10.0.0.1");
        RedisTestSupport.deleteKeys(URL, prefix);

        counts.renew();
        refused(PER_USER, () -> b.acquire("alice", "10.0.0.2"));
    }

    @Test
    void withRedisUnreachableEachNodeCountsItsOwnStreams() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var nowhere = RedisClient.create(URI.create("redis://127.0.0.1:" + closedPort))) {
            var a = new StreamLimits(new RedisStreamCounts(new KeySpace(nowhere, prefix), "A", new StreamQuota(2, 2), Duration.ofSeconds(30)), 100);
            var first = a.acquire("alice", "10.0.0.1");
            a.acquire("alice", "10.0.0.2");
            refused(PER_USER, () -> a.acquire("alice", "10.0.0.3"));
            a.acquire(null, "10.0.0.1");
            refused(PER_ADDRESS, () -> a.acquire("bob", "10.0.0.1"));

            first.release();
            a.acquire("alice", "10.0.0.3");
            assertEquals(3, a.open());
        }
    }
}
