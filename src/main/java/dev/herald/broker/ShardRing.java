package dev.herald.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which shard keeps a topic: rendezvous hashing over the shards' names (each topic goes to the
 * shard whose name scores highest with it). Every node computes the same answer from the same
 * list, in any order; adding a shard moves only the topics that now score highest there, about
 * one in (shards + 1), and removing one moves only its own.
 */
record ShardRing(List<String> names) {
    ShardRing {
        names = List.copyOf(names);
        if (names.isEmpty()) throw new IllegalArgumentException("no shard");
        if (names.stream().distinct().count() != names.size()) throw new IllegalArgumentException("a shard is listed twice: " + names);
    }

    /** The index in {@link #names} of the topic's shard. */
    int shardOf(String topic) {
        if (names.size() == 1) return 0;
        int best = 0;
        long bestScore = Long.MIN_VALUE;
        for (int i = 0; i < names.size(); i++) {
            long score = score(names.get(i), topic);
            // Ties (astronomically rare) go to the name that sorts first, the same on every node.
            if (score > bestScore || (score == bestScore && names.get(i).compareTo(names.get(best)) < 0)) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    /** FNV-1a over the name, a separator and the topic, then a finalizer so nearby inputs spread. */
    private static long score(String name, String topic) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, name.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0) * 0x100000001b3L;
        h = fnv(h, topic.getBytes(StandardCharsets.UTF_8));
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        return h;
    }
}
