package dev.herald.redis;

import java.net.URI;

/**
 * Where the Redis broker connects and how it names and bounds what it keeps.
 *
 * @param url             {@code redis://[user:password@]host:port[/db]}
 * @param prefix          of every key, so several hubs (or test runs) can share one Redis
 * @param streamMaxLength approximate bound of the hub stream, which only carries events
 *                        between nodes: replay reads the per-topic streams
 * @param poolSize        connections for publishes and replays (the reader has its own)
 */
public record RedisSettings(URI url, String prefix, long streamMaxLength, int poolSize) {
    public RedisSettings {
        if (url == null || !("redis".equals(url.getScheme()) || "rediss".equals(url.getScheme()))) {
            throw new IllegalArgumentException("herald.redis.url: '" + url + "' is not redis://host:port");
        }
        if (prefix == null) prefix = "";
        if (streamMaxLength < 1000) throw new IllegalArgumentException("herald.redis.stream.maxlen must be at least 1000");
        if (poolSize < 1) throw new IllegalArgumentException("herald.redis.pool must be at least 1");
    }

    public static RedisSettings of(String url, String prefix) {
        return new RedisSettings(URI.create(url), prefix, 100_000, 16);
    }
}
