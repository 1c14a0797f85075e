package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.RetentionRules;
import dev.herald.redis.RedisSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker contract for topics spread over two shards. Both are the machine's Redis under two
 * prefixes here: to the broker they are two instances, each with its own epoch and order.
 * {@link ShardsTest} has shards of their own that stop and start.
 */
class ShardedBrokerTest extends BrokerContractTest {
    private static final String URL = RedisTestSupport.url();
    private static final String RUN = RedisTestSupport.uniquePrefix("sharded");
    private static final AtomicInteger hubs = new AtomicInteger();
    private static boolean reached;
    private final List<Broker> opened = new ArrayList<>();

    @BeforeAll
    static void redisIsThere() {
        RedisTestSupport.requireRedis(URL, "ShardedBrokerTest");
        reached = true;
    }

    @AfterAll
    static void removeKeys() {
        if (reached) RedisTestSupport.deleteKeys(URL, RUN);
    }

    @Override
    protected boolean oneOrder() {
        return false;
    }

    @Override
    protected Broker newBroker(RetentionRules rules, Clock clock) {
        String hub = RUN + hubs.incrementAndGet();
        var shards = List.of(new RedisBroker(RedisSettings.of(URL, hub + "a:"), rules, clock),
                new RedisBroker(RedisSettings.of(URL, hub + "b:"), rules, clock));
        return new ShardedBroker(List.of("a", "b"), shards);
    }

    @AfterEach
    void closeOpened() {
        opened.forEach(Broker::close);
    }
}
