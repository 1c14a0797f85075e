package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.RetentionRules;
import dev.herald.redis.RedisSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker contract for topics spread over two shards. Both are the machine's Redis under two
 * prefixes here: to the broker they are two instances, each with its own epoch and order.
 * {@link ShardsTest} has shards of their own that stop and start.
 */
class ShardedBrokerTest extends BrokerContractTest {
    private static final AtomicInteger hubs = new AtomicInteger();
    private static RedisTestSession redis;

    @BeforeAll
    static void redisIsThere() {
        redis = RedisTestSession.open("ShardedBrokerTest", "sharded");
    }

    @AfterAll
    static void removeKeys() {
        if (redis != null) redis.close();
    }

    @Override
    protected boolean oneOrder() {
        return false;
    }

    @Override
    protected Broker newBroker(RetentionRules rules, Clock clock) {
        String hub = redis.prefix() + hubs.incrementAndGet();
        var shards = List.of(new RedisBroker(RedisSettings.of(redis.url(), hub + "a:"), rules, clock),
                new RedisBroker(RedisSettings.of(redis.url(), hub + "b:"), rules, clock));
        return new ShardedBroker(List.of("a", "b"), shards);
    }
}
