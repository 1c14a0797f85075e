package dev.herald.broker;

import redis.clients.jedis.RedisClient;

import java.net.URI;

/**
 * One test class's Redis: a client, a key prefix no other run uses, and the keys
 * removed again when the class is done. Opening it skips or fails the class as
 * {@link RedisTestSupport#requireRedis} says when there is no Redis.
 */
public record RedisTestSession(RedisClient client, String prefix, String url) implements AutoCloseable {

    public static RedisTestSession open(String what, String keyTag) {
        String url = RedisTestSupport.url();
        RedisTestSupport.requireRedis(url, what);
        return new RedisTestSession(RedisClient.create(URI.create(url)), RedisTestSupport.uniquePrefix(keyTag), url);
    }

    @Override
    public void close() {
        client.close();
        RedisTestSupport.deleteKeys(url, prefix);
    }
}
