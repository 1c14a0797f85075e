package dev.herald.notify;

import dev.herald.broker.RedisTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/** The notification store contract against a real Redis; each test gets its own key prefix. */
class RedisNotificationStoreTest extends NotificationStoreContractTest {
    private static final String URL = RedisTestSupport.url();
    private static final String RUN = RedisTestSupport.uniquePrefix("notify");
    private static final AtomicInteger stores = new AtomicInteger();
    private static RedisClient redis;

    @BeforeAll
    static void redisIsThere() {
        RedisTestSupport.requireRedis(URL, "RedisNotificationStoreTest");
        redis = RedisClient.create(URI.create(URL));
    }

    @AfterAll
    static void removeKeys() {
        if (redis == null) return;
        redis.close();
        RedisTestSupport.deleteKeys(URL, RUN);
    }

    @Override
    NotificationStore store(int retention) {
        return new RedisNotificationStore(redis, RUN + stores.incrementAndGet() + ":", retention);
    }
}
