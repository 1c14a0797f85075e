package dev.herald.chat;

import dev.herald.broker.RedisTestSession;
import dev.herald.redis.KeySpace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presence of two nodes over one Redis: shared while renewed, gone when a node stops renewing. */
class RedisPresenceTest {
    private static RedisTestSession redis;

    private final ChatTestSupport.MutableClock clock = new ChatTestSupport.MutableClock();

    @BeforeAll
    static void redisIsThere() {
        redis = RedisTestSession.open("RedisPresenceTest", "presence");
    }

    @AfterAll
    static void removeKeys() {
        if (redis != null) redis.close();
    }

    @Test
    void bothNodesSeeEveryoneAndADeadNodesUsersExpire() {
        var a = new RedisPresence(new KeySpace(redis.client(), redis.prefix()), "node-a", clock);
        var b = new RedisPresence(new KeySpace(redis.client(), redis.prefix()), "node-b", clock);
        assertTrue(a.opened("general", "alice"));
        assertFalse(a.opened("general", "alice"), "a second tab");
        assertTrue(b.opened("general", "bob"));
        assertTrue(b.opened("general", "alice"), "alice on both nodes");
        assertEquals(Set.of("alice", "bob"), a.online("general"));
        assertEquals(2, b.onlineCount("general"));

        assertFalse(a.closed("general", "alice"), "one of alice's tabs on A is still open");
        assertTrue(b.closed("general", "alice"));
        assertEquals(Set.of("alice", "bob"), b.online("general"), "alice is still online through A");

        for (int i = 0; i < 4; i++) {
            clock.advance(RedisPresence.REFRESH);
            a.refresh(); // B has died: it renews nothing
        }
        assertEquals(Set.of("alice"), b.online("general"), "bob went with his node, within the TTL");
        assertTrue(a.closed("general", "alice"));
        assertEquals(Set.of(), a.online("general"));
    }
}
