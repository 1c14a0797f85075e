package dev.herald.broker;

/**
 * Every Redis key the broker uses, under one prefix (so tests, or two hubs, can share a
 * Redis without meeting). The hub stream carries every event in the one global order;
 * each topic's stream holds the copies kept for replay, trimmed to the topic's rules.
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

    /** Every event, volatile ones included: what each node's reader follows. */
    String events() {
        return prefix + "events";
    }

    String topic(String topic) {
        return prefix + "topic:" + topic;
    }

    /** The newest id ever trimmed from the topic's stream. */
    String dropped(String topic) {
        return prefix + "dropped:" + topic;
    }
}
