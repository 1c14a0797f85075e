package dev.herald.security.signout;

import dev.herald.broker.RedisTestSupport;
import dev.herald.http.ProblemException;
import dev.herald.redis.RedisConnection;
import dev.herald.redis.RedisSettings;
import dev.herald.security.streams.ClusterStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-outs shared through a real Redis: two stores and feeds stand for two nodes. */
class RedisRevokedTokensTest {
    private static final String URL = RedisTestSupport.url();
    private final String prefix = RedisTestSupport.uniquePrefix("revoked");
    private final RedisConnection connection = new RedisConnection(RedisSettings.of(URL, prefix));
    private SignOutFeed feed;

    @BeforeAll
    static void needsRedis() {
        RedisTestSupport.requireRedis(URL, "RedisRevokedTokensTest");
    }

    @AfterEach
    void clean() {
        if (feed != null) feed.close();
        RedisTestSupport.deleteKeys(URL, prefix);
        connection.close();
    }

    @Test
    void aTokenSignedOutOnOneNodeIsRefusedOnAnotherAtOnceUntilItWouldHaveExpired() throws InterruptedException {
        var a = new RedisRevokedTokens(connection.keys());
        var b = new RedisRevokedTokens(connection.keys());
        long soon = System.currentTimeMillis() + 600;
        assertFalse(b.checkRevoked("t1"));
        a.revoke("t1", soon);
        assertTrue(b.checkRevoked("t1"), "the other node asks Redis, not its memory");
        assertTrue(b.isRevoked("t1"));
        assertFalse(b.checkRevoked("t2"));
        Thread.sleep(800);
        assertFalse(b.checkRevoked("t1"), "the entry goes with the token's own expiry");
    }

    @Test
    void everyNodeHearsASignOutWithinASecondAndEndsThatTokensStreams() throws InterruptedException {
        var a = new RedisRevokedTokens(connection.keys());
        var b = new RedisRevokedTokens(connection.keys());
        BlockingQueue<String> endedOnB = new LinkedBlockingQueue<>();
        feed = new SignOutFeed(connection, b, endedOnB::add, Set::of, new ClusterStreams(connection.keys()), renewal -> { });
        feed.start();
        awaitSubscribed(a);

        long before = System.nanoTime();
        a.revoke("t3", System.currentTimeMillis() + 60_000);
        assertEquals("t3", endedOnB.poll(1, TimeUnit.SECONDS), "node B ends the token's streams within a second");
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(1));
        assertTrue(b.isRevoked("t3"), "and remembers it without asking Redis");
    }

    @Test
    void aSignOutMissedWhileNotSubscribedEndsTheStreamsWhenTheFeedSubscribes() throws InterruptedException {
        var a = new RedisRevokedTokens(connection.keys());
        var b = new RedisRevokedTokens(connection.keys());
        a.revoke("held-and-signed-out", System.currentTimeMillis() + 60_000);
        BlockingQueue<String> endedOnB = new LinkedBlockingQueue<>();
        feed = new SignOutFeed(connection, b, endedOnB::add, () -> List.of("held-and-signed-out", "held-and-fine"),
                new ClusterStreams(connection.keys()), renewal -> { });
        feed.start();
        assertEquals("held-and-signed-out", endedOnB.poll(5, TimeUnit.SECONDS));
        assertEquals(null, endedOnB.poll(300, TimeUnit.MILLISECONDS), "a token still signed in keeps its streams");
    }

    @Test
    void withoutRedisARequestIsRefusedRatherThanAdmittedOnAGuess() {
        try (var nowhere = new RedisConnection(RedisSettings.of("redis://127.0.0.1:1", prefix))) {
            var down = new RedisRevokedTokens(nowhere.keys());
            var refused = assertThrows(ProblemException.class, () -> down.checkRevoked("t4"));
            assertEquals(503, refused.problem().status());
            assertFalse(down.isRevoked("t4"), "a stream already open is judged again when Redis answers");
            assertEquals(503, assertThrows(ProblemException.class, () -> down.revoke("t5", System.currentTimeMillis() + 60_000))
                    .problem().status(), "a sign-out that cannot reach the other nodes says so");
            assertTrue(down.isRevoked("t5"), "but this node refuses the token all the same");
        }
    }

    /** Publishes a throwaway sign-out until the feed hears one: it is then subscribed. */
    private void awaitSubscribed(RedisRevokedTokens other) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (var redis = connection.open()) {
            while (redis.pubsubNumSub(other.channel()).getOrDefault(other.channel(), 0L) < 1) {
                if (System.nanoTime() > deadline) throw new AssertionError("the feed never subscribed");
                Thread.sleep(20);
            }
        }
    }
}
