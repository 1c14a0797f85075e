package dev.herald.broker;

/**
 * Every Redis key and channel the broker uses, under one prefix (so tests, or two hubs, can
 * share a Redis without meeting). Each topic's stream holds the copies kept for replay,
 * trimmed to the topic's rules; each topic's channel carries its events to the nodes that
 * follow it.
 */
record RedisKeys(String prefix) {

    /** The random token naming this Redis's history; a flushed Redis gets a new one. */
    String epoch() {
        return prefix + "epoch";
    }

    /** The last id assigned, {@code ms-seq}. */
    String last() {
        return prefix + "last";
    }

    /** What every topic's channel starts with: {@link #channel} is this and the topic. */
    String channels() {
        return prefix + "t:";
    }

    /** Every event of the topic, volatile ones included, published as it is accepted. */
    String channel(String topic) {
        return channels() + topic;
    }

    /**
     * The channel a node's subscriber connection holds for its life, whatever it follows: a
     * Jedis subscription ends when its last channel goes, and this one never does. Only the
     * marks that end a (re)connection's replay are published on it (mark.lua).
     */
    String feed() {
        return prefix + "feed";
    }

    String topic(String topic) {
        return prefix + "topic:" + topic;
    }

    /** The newest id ever trimmed from the topic's stream. */
    String dropped(String topic) {
        return prefix + "dropped:" + topic;
    }
}
