package dev.herald.notify;

import dev.herald.broker.RedisTestSession;
import dev.herald.redis.KeySpace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.concurrent.atomic.AtomicInteger;

/** The notification store contract against a real Redis; each test gets its own key prefix. */
class RedisNotificationStoreTest extends NotificationStoreContractTest {
    private static final AtomicInteger stores = new AtomicInteger();
    private static RedisTestSession redis;

    @BeforeAll
    static void redisIsThere() {
        redis = RedisTestSession.open("RedisNotificationStoreTest", "notify");
    }

    @AfterAll
    static void removeKeys() {
        if (redis != null) redis.close();
    }

    @Override
    NotificationStore store(int retention) {
        return new RedisNotificationStore(new KeySpace(redis.client(), redis.prefix() + stores.incrementAndGet() + ":"), retention);
    }
}
