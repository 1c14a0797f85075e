package dev.herald.redis;

import java.net.URI;

/**
 * Where the Redis broker connects and how it names what it keeps.
 *
 * @param url             {@code redis://[user:password@]host:port[/db]}
 * @param prefix          of every key, so several hubs (or test runs) can share one Redis
 * @param poolSize        connections for publishes and replays (the subscriber has its own)
 */
public record RedisSettings(URI url, String prefix, int poolSize) {
    public RedisSettings {
        if (url == null || !("redis".equals(url.getScheme()) || "rediss".equals(url.getScheme()))) {
            throw new IllegalArgumentException("herald.redis.url: '" + url + "' is not redis://host:port");
        }
        if (prefix == null) prefix = "";
        if (poolSize < 1) throw new IllegalArgumentException("herald.redis.pool must be at least 1");
    }

    /**
     * What names this Redis as a shard ({@code host:port/db}, without credentials): every node must
     * list the same shards, and a shard's name, not its place in the list, decides its topics.
     */
    public String shardName() {
        String path = url.getPath() == null || url.getPath().isEmpty() || "/".equals(url.getPath()) ? "/0" : url.getPath();
        return url.getHost() + ":" + (url.getPort() < 0 ? 6379 : url.getPort()) + path;
    }

    public static RedisSettings of(String url, String prefix) {
        return new RedisSettings(URI.create(url), prefix, 16);
    }
}
