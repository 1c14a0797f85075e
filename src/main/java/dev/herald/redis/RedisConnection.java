package dev.herald.redis;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;

import java.time.Duration;

/**
 * One node's pooled connections to the hub's Redis, shared by the broker and the stores
 * that keep chat and notification state there, under the one key prefix.
 */
public final class RedisConnection implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisSettings settings;
    private final HostAndPort address;
    private final JedisClientConfig clientConfig;
    private final RedisClient client;

    public RedisConnection(RedisSettings settings) {
        this.settings = settings;
        this.address = new HostAndPort(settings.url().getHost(), settings.url().getPort() < 0 ? 6379 : settings.url().getPort());
        this.clientConfig = DefaultJedisClientConfig.builder(settings.url())
                .connectionTimeoutMillis((int) TIMEOUT.toMillis())
                .socketTimeoutMillis((int) TIMEOUT.toMillis())
                .build();
        var pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMaxWait(TIMEOUT);
        pool.setTestWhileIdle(true);
        this.client = RedisClient.builder().hostAndPort(address).clientConfig(clientConfig).poolConfig(pool).build();
    }

    public RedisSettings settings() {
        return settings;
    }

    /** The prefix of every key this hub keeps. */
    public String prefix() {
        return settings.prefix();
    }

    public RedisClient client() {
        return client;
    }

    /** The client and the hub's prefix, for a store's Redis form. */
    public KeySpace keys() {
        return new KeySpace(client, prefix());
    }

    public HostAndPort address() {
        return address;
    }

    /** A connection outside the pool, for a blocking reader or a subscriber; the caller closes it. */
    public Jedis open() {
        return new Jedis(address, clientConfig);
    }

    @Override
    public void close() {
        client.close();
    }

    /** Closes a dedicated connection that may be broken already; null is fine. */
    public static void closeQuietly(Jedis connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (RuntimeException alreadyBroken) {
            // nothing left to free
        }
    }
}
