package dev.herald.chat;

import dev.herald.broker.RedisTestSession;
import dev.herald.redis.KeySpace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.concurrent.atomic.AtomicInteger;

/** The chat store contract against a real Redis; each store gets its own key prefix. */
class RedisChatStoreTest extends ChatStoreContractTest {
    private static final AtomicInteger stores = new AtomicInteger();
    private static RedisTestSession redis;

    @BeforeAll
    static void redisIsThere() {
        redis = RedisTestSession.open("RedisChatStoreTest", "chat");
    }

    @AfterAll
    static void removeKeys() {
        if (redis != null) redis.close();
    }

    @Override
    ChatStore store(int historyLimit) {
        return new RedisChatStore(new KeySpace(redis.client(), redis.prefix() + stores.incrementAndGet() + ":"), historyLimit);
    }
}
