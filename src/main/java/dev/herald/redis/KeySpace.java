package dev.herald.redis;

import redis.clients.jedis.UnifiedJedis;

/**
 * Where a Redis form of a store keeps its keys: the node's pooled client and the prefix they
 * start with ({@code herald.redis.prefix}, or a test's own). Each store adds its part
 * ({@code chat:}, {@code notify:}, {@code limit:write:}), so the key layout stays its own.
 */
public record KeySpace(UnifiedJedis redis, String prefix) {
}
