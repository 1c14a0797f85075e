package dev.herald.chat;

import dev.herald.broker.RedisTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/** The chat store contract against a real Redis; each store gets its own key prefix. */
class RedisChatStoreTest extends ChatStoreContractTest {
    private static final String URL = RedisTestSupport.url();
    private static final String RUN = RedisTestSupport.uniquePrefix("chat");
    private static final AtomicInteger stores = new AtomicInteger();
    private static RedisClient redis;

    @BeforeAll
    static void redisIsThere() {
        RedisTestSupport.requireRedis(URL, "RedisChatStoreTest");
        redis = RedisClient.create(URI.create(URL));
    }

    @AfterAll
    static void removeKeys() {
        if (redis == null) return;
        redis.close();
        RedisTestSupport.deleteKeys(URL, RUN);
    }

    @Override
    ChatStore store(int historyLimit) {
        return new RedisChatStore(redis, RUN + stores.incrementAndGet() + ":", historyLimit);
    }
}
