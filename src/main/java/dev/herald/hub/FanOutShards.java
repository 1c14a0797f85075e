package dev.herald.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fan-out threads, each owning a fixed share of the streams. The dispatch thread
 * hands an event to each shard once rather than to every stream, so a fan-out to
 * thousands is queued by all shards at once instead of one thread walking every
 * subscriber. Shards are single threads, so the order in which events reach a shard
 * is the order in which its streams get them. They only queue; writing is the
 * {@link WriterPool}'s, because a write can block.
 */
final class FanOutShards implements AutoCloseable {
    private final ExecutorService[] shards;
    private final List<Map<String, Set<Subscription>>> byTopic = new ArrayList<>();

    FanOutShards(int count, ThreadFactory threads) {
        shards = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            shards[i] = Executors.newSingleThreadExecutor(threads);
            byTopic.add(new ConcurrentHashMap<>());
        }
    }

    void add(Subscription sub) {
        var topics = byTopic.get(shardOf(sub.id()));
        for (String topic : sub.topics()) {
            topics.compute(topic, (t, set) -> {
                if (set == null) set = ConcurrentHashMap.newKeySet();
                set.add(sub);
                return set;
            });
        }
    }

    void remove(Subscription sub) {
        var topics = byTopic.get(shardOf(sub.id()));
        for (String topic : sub.topics()) {
            topics.computeIfPresent(topic, (t, set) -> {
                set.remove(sub);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Hands the frame to every shard with subscribers of its topic; each delivers on its own thread. */
    void fanOut(String topic, Frame.Live frame) {
        // Only a traced event pays for counting what it reached.
        Reach reach = frame.fanOut() == null ? null : new Reach(frame.fanOut());
        for (int i = 0; i < shards.length; i++) {
            Set<Subscription> subscribers = byTopic.get(i).get(topic);
            if (subscribers == null) continue;
            if (reach != null) reach.handedOff();
            try {
                shards[i].execute(() -> {
                    int n = 0;
                    for (Subscription s : subscribers) {
                        s.deliver(frame);
                        n++;
                    }
                    if (reach != null) reach.queued(n);
                });
            } catch (RuntimeException shuttingDown) {
                // The hub is closing: its streams are being ended anyway.
                if (reach != null) reach.queued(0);
            }
        }
        if (reach != null) reach.queued(0);
    }

    /**
     * A traced event's fan-out: its span ends when the last shard has queued the event for its
     * streams, with the number of streams reached. The hand-off itself counts as one shard, so
     * the span cannot end before every shard has been handed the event.
     */
    private static final class Reach {
        private final Tracing.Span span;
        private final AtomicInteger pending = new AtomicInteger(1);
        private final AtomicInteger streams = new AtomicInteger();

        Reach(Tracing.Span span) {
            this.span = span;
        }

        void handedOff() {
            pending.incrementAndGet();
        }

        void queued(int n) {
            streams.addAndGet(n);
            if (pending.decrementAndGet() == 0) span.end(streams.get(), false);
        }
    }

    /** A snapshot of the topic's subscribers across all shards. */
    List<Subscription> subscribersOf(String topic) {
        var found = new ArrayList<Subscription>();
        for (var topics : byTopic) {
            Set<Subscription> set = topics.get(topic);
            if (set != null) found.addAll(set);
        }
        return found;
    }

    private int shardOf(long subscriptionId) {
        return (int) Math.floorMod(subscriptionId, (long) shards.length);
    }

    @Override
    public void close() {
        for (ExecutorService shard : shards) shard.shutdown();
    }
}
