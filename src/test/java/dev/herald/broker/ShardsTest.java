package dev.herald.broker;

import dev.herald.boot.ShippedDefaults;
import dev.herald.hub.BrokerUnavailableException;
import dev.herald.hub.Cursor;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.hub.EventId;
import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import dev.herald.hub.Replay;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import dev.herald.redis.RedisSettings;
import dev.herald.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Topics spread over two shards: each topic keeps its order, a stream resumes every shard from
 * its own position, and a shard that is down fails its own topics and nothing else.
 */
class ShardsTest {
    private static final RetentionRules RULES = RetentionRules.uniform(new RetentionPolicy(10_000, Duration.ofHours(1), false));
    private static final AtomicInteger hubs = new AtomicInteger();
    private static RedisTestSession redis;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void redisIsThere() {
        redis = RedisTestSession.open("ShardsTest", "shards");
    }

    @AfterAll
    static void removeKeys() {
        if (redis != null) redis.close();
    }

    @AfterEach
    void close() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable c : opened) c.close();
    }

    /** Two shards on the machine's Redis under two prefixes: two epochs, two orders. */
    private ShardedBroker broker() {
        String hub = redis.prefix() + hubs.incrementAndGet();
        return broker(RedisSettings.of(redis.url(), hub + "a:"), RedisSettings.of(redis.url(), hub + "b:"));
    }

    private ShardedBroker broker(RedisSettings a, RedisSettings b) {
        var broker = new ShardedBroker(List.of("a", "b"), List.of(
                new RedisBroker(a, RULES, Clock.systemUTC()), new RedisBroker(b, RULES, Clock.systemUTC())));
        opened.add(broker);
        return broker;
    }

    /** Topics {@code custom/0…} by the shard the ring puts them on: index 0 is "a", 1 is "b". */
    private static List<List<String>> topicsByShard(int perShard) {
        var ring = new ShardRing(List.of("a", "b"));
        List<List<String>> byShard = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; byShard.get(0).size() < perShard || byShard.get(1).size() < perShard; i++) {
            List<String> mine = byShard.get(ring.shardOf("custom/" + i));
            if (mine.size() < perShard) mine.add("custom/" + i);
        }
        return byShard;
    }

    private static Event publish(ShardedBroker broker, String topic, int n) {
        return broker.publish(EventDraft.of(topic, "message", "{\"n\":" + n + "}"));
    }

    @Test
    void eachTopicKeepsOneOrderOnOneShardAndTheShardsHaveTheirOwn() throws Exception {
        ShardedBroker broker = broker();
        List<String> topics = new ArrayList<>();
        topicsByShard(5).forEach(topics::addAll);
        var heard = Collections.synchronizedList(new ArrayList<Event>());
        broker.subscribe(heard::add);
        topics.forEach(broker::follow);

        Map<String, List<EventId>> published = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Event e = publish(broker, topics.get(i % topics.size()), i);
            published.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(e.id());
        }
        Set<String> epochs = new HashSet<>();
        for (List<EventId> ids : published.values()) {
            for (int i = 1; i < ids.size(); i++) assertTrue(ids.get(i).isAfter(ids.get(i - 1)), "ids rise within a topic");
            assertEquals(1, ids.stream().map(EventId::epoch).distinct().count(), "a topic lives on one shard");
            epochs.add(ids.get(0).epoch());
        }
        assertEquals(2, epochs.size(), "the topics are spread over both shards");
        assertEquals(2, broker.lastIds().ids().size(), "a cursor names every shard");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heard.size() < 200 && System.nanoTime() < deadline) Thread.sleep(20);
        Map<String, List<EventId>> received = new HashMap<>();
        synchronized (heard) {
            for (Event e : heard) received.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(e.id());
        }
        assertEquals(published, received, "every event reaches the node, in order within its topic");
    }

    @Test
    void aCursorResumesEveryShardFromItsOwnPosition() {
        ShardedBroker broker = broker();
        List<List<String>> byShard = topicsByShard(2);
        List<String> topics = new ArrayList<>();
        byShard.forEach(topics::addAll);

        Cursor start = broker.lastIds();
        assertEquals(2, start.ids().size(), "shards without events are named from the start (0-0)");
        for (int i = 0; i < 20; i++) publish(broker, topics.get(i % topics.size()), i);
        Cursor middle = broker.lastIds();
        List<Event> later = new ArrayList<>();
        for (int i = 0; i < 20; i++) later.add(publish(broker, topics.get(i % topics.size()), 100 + i));

        Replay fromMiddle = broker.readAfter(topics, middle);
        assertEquals(perTopic(later), perTopic(assertInstanceOf(Replay.Events.class, fromMiddle).events()),
                "exactly the later events of every shard");
        Replay fromStart = broker.readAfter(topics, start);
        assertEquals(40, assertInstanceOf(Replay.Events.class, fromStart).events().size(), "from 0-0: every retained event");
    }

    @Test
    void aCursorWithoutAShardsPositionReplaysTheOthersAndSaysSo() {
        ShardedBroker broker = broker();
        List<List<String>> byShard = topicsByShard(1);
        String onA = byShard.get(0).get(0);
        String onB = byShard.get(1).get(0);
        Event first = publish(broker, onA, 1);
        publish(broker, onB, 2);
        Event second = publish(broker, onA, 3);

        // A cursor of A alone: what a client of the time before B was added would send.
        Replay replay = broker.readAfter(List.of(onA, onB), Cursor.of(first.id()));
        var partial = assertInstanceOf(Replay.Partial.class, replay);
        assertEquals("epoch", partial.gap().reason(), "B's topics cannot be resumed");
        assertEquals(List.of(second.id()), partial.events().stream().map(Event::id).toList(), "A's topics are");
        assertEquals(Cursor.of(first.id()), partial.from());
    }

    @Test
    void aPositionInAShardThatIsGoneIsAGapTheOthersStillReplay() {
        ShardedBroker broker = broker();
        String onA = topicsByShard(1).get(0).get(0);
        Cursor start = broker.lastIds();
        Event later = publish(broker, onA, 1);
        // A removed shard's epoch: what its topics held after the position is lost to the client.
        Cursor withRemoved = start.at(new EventId("removed", 5, 0));
        var partial = assertInstanceOf(Replay.Partial.class, broker.readAfter(List.of(onA), withRemoved));
        assertEquals("epoch", partial.gap().reason());
        assertEquals(List.of(later.id()), partial.events().stream().map(Event::id).toList());
    }

    @Test
    void oneRedisListedAsTwoShardsIsRefused() {
        String hub = redis.prefix() + hubs.incrementAndGet() + ":";
        var thrown = assertThrows(IllegalArgumentException.class, () -> broker(RedisSettings.of(redis.url(), hub), RedisSettings.of(redis.url(), hub)));
        assertTrue(thrown.getMessage().contains("the same Redis"), thrown.getMessage());
    }

    @Test
    void aBatchAcrossShardsGetsEachEventItsShardsIdInTheOrderSent() {
        ShardedBroker broker = broker();
        List<List<String>> byShard = topicsByShard(1);
        String onA = byShard.get(0).get(0);
        String onB = byShard.get(1).get(0);
        List<EventDraft> drafts = List.of(EventDraft.of(onA, "t", "1"), EventDraft.of(onB, "t", "2"),
                EventDraft.of(onA, "t", "3"), EventDraft.of(onB, "t", "4"));
        List<Event> events = broker.publishAll(drafts);
        assertEquals(List.of("1", "2", "3", "4"), events.stream().map(Event::data).toList(), "answered in the order sent");
        assertTrue(events.get(2).id().isAfter(events.get(0).id()));
        assertTrue(events.get(3).id().isAfter(events.get(1).id()));
        assertNotEquals(events.get(0).id().epoch(), events.get(1).id().epoch());
    }

    @Test
    void aShardThatIsDownFailsOnlyItsOwnTopics(@TempDir Path dir) throws Exception {
        RedisServer.require();
        var own = RedisServer.onAFreePort(dir);
        own.startEmpty();
        try {
            String hub = redis.prefix() + hubs.incrementAndGet();
            ShardedBroker broker = broker(RedisSettings.of(redis.url(), hub + "a:"), RedisSettings.of(own.url(), hub + "b:"));
            List<List<String>> byShard = topicsByShard(1);
            String onA = byShard.get(0).get(0);
            String onB = byShard.get(1).get(0);
            publish(broker, onA, 1);
            publish(broker, onB, 2);
            Cursor before = broker.lastIds();

            own.kill();
            Event stillA = publish(broker, onA, 3);
            assertThrows(BrokerUnavailableException.class, () -> publish(broker, onB, 4), "B's topics answer 503");
            assertTrue(broker.isReady(), "the node stays ready: A's topics go on");
            var partial = assertInstanceOf(Replay.Partial.class, broker.readAfter(List.of(onA, onB), before));
            assertEquals("unavailable", partial.gap().reason());
            assertEquals(List.of(stillA.id()), partial.events().stream().map(Event::id).toList(), "A's topics resume");

            own.start(); // its append-only file keeps B's history and epoch
            Event backOnB = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (backOnB == null) {
                try {
                    backOnB = publish(broker, onB, 5);
                } catch (BrokerUnavailableException stillDown) {
                    if (System.nanoTime() > deadline) throw stillDown;
                    Thread.sleep(100);
                }
            }
            var replay = assertInstanceOf(Replay.Events.class, broker.readAfter(List.of(onA, onB), before));
            assertEquals(Set.of(stillA.id(), backOnB.id()), Set.copyOf(replay.events().stream().map(Event::id).toList()),
                    "once B is back, both resume from the same cursor");
        } finally {
            own.kill();
        }
    }

    @Test
    void aStreamOverBothShardsCarriesACursorAndResumesFromItExactly() throws Exception {
        ShardedBroker broker = broker();
        var hub = new EventHub(broker, ShippedDefaults.hubSettings());
        opened.add(hub);
        List<List<String>> byShard = topicsByShard(1);
        List<String> topics = List.of(byShard.get(0).get(0), byShard.get(1).get(0));

        var first = new Recording();
        Subscription sub = hub.subscribe(new SubscribeRequest(topics, null, null, false), first);
        for (int i = 0; i < 10; i++) hub.publish(EventDraft.of(topics.get(i % 2), "message", "{\"n\":" + i + "}"));
        first.await(10);
        sub.close(DisconnectReason.CLIENT_GONE);
        List<Frame.Live> got = first.frames();
        for (Frame.Live f : got) {
            Cursor position = Cursor.parse(f.position()).orElseThrow();
            assertEquals(2, position.ids().size(), "each event goes out with a position in both shards: " + f.position());
            assertEquals(f.event().id(), position.in(f.event().id().epoch()), "…at the event itself in its own shard");
        }
        // The client kept the cursor of its fourth event; six were published after it.
        String kept = got.get(3).position();
        for (int i = 10; i < 14; i++) hub.publish(EventDraft.of(topics.get(i % 2), "message", "{\"n\":" + i + "}"));

        var resumed = new Recording();
        hub.subscribe(new SubscribeRequest(topics, null, kept, false), resumed);
        resumed.await(10);
        // Across shards the stream's order is the order events reached it: the cursor of its fourth
        // event covers exactly the first four it wrote, whichever they were.
        Set<Integer> expected = new HashSet<>();
        for (int i = 0; i < 14; i++) expected.add(i);
        for (Frame.Live f : got.subList(0, 4)) expected.remove(number(f));
        assertEquals(expected, Set.copyOf(resumed.frames().stream().map(ShardsTest::number).toList()),
                "exactly the events after the cursor");
        assertEquals(10, resumed.frames().size(), "each once");
    }

    private static int number(Frame.Live frame) {
        return Integer.parseInt(frame.event().data().replaceAll("\\D", ""));
    }

    /**
     * One node publishes numbered sequences to a topic on each shard without pause while another
     * opens and closes streams over both (no linger: each stream is its topics' first and last):
     * each stream writes, per topic, every event after its admission point, once, in order.
     */
    @Test
    void streamsOpenedWhileAnotherNodePublishesToBothShardsGetEveryLaterEventOnce() throws Exception {
        String hubPrefix = redis.prefix() + hubs.incrementAndGet();
        ShardedBroker publisher = broker(RedisSettings.of(redis.url(), hubPrefix + "a:"), RedisSettings.of(redis.url(), hubPrefix + "b:"));
        var hub = new EventHub(broker(RedisSettings.of(redis.url(), hubPrefix + "a:"), RedisSettings.of(redis.url(), hubPrefix + "b:")),
                ShippedDefaults.hubSettings(), Duration.ZERO);
        opened.add(hub);
        List<List<String>> byShard = topicsByShard(1);
        List<String> topics = List.of(byShard.get(0).get(0), byShard.get(1).get(0));
        Map<EventId, Integer> numbers = new ConcurrentHashMap<>();
        Map<String, String> epochs = new ConcurrentHashMap<>();
        int checked = 0;
        var running = new AtomicBoolean(true);
        var failure = new AtomicReference<Throwable>();
        Thread publishing = new Thread(() -> {
            try {
                for (int n = 1; running.get(); n++) {
                    for (String topic : topics) {
                        EventId id = publish(publisher, topic, n).id();
                        epochs.putIfAbsent(topic, id.epoch());
                        numbers.put(id, n);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-publisher");
        publishing.start();
        try {
            while (numbers.size() < 20) Thread.sleep(5);
            for (int i = 0; i < 20; i++) {
                Cursor admitted = hub.lastId();
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 5));
                var outlet = new Recording();
                Subscription sub = hub.subscribe(new SubscribeRequest(topics, null, null, false).admittedAfter(admitted), outlet);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (outlet.frames().size() < 10 && System.nanoTime() < deadline) Thread.sleep(5);
                sub.close(DisconnectReason.CLIENT_GONE);
                Map<String, List<Integer>> got = new HashMap<>();
                for (Frame.Live f : outlet.frames()) got.computeIfAbsent(f.event().topic(), t -> new ArrayList<>()).add(number(f));
                for (String topic : topics) {
                    List<Integer> mine = got.getOrDefault(topic, List.of());
                    // Each shard carries one topic here: its position is that topic's last number.
                    EventId position = admitted.in(epochs.get(topic));
                    boolean none = position == null || position.millis() == 0;
                    while (!none && !numbers.containsKey(position)) Thread.sleep(1);
                    int first = none ? 1 : numbers.get(position) + 1;
                    List<Integer> expected = new ArrayList<>();
                    for (int n = first; n < first + mine.size(); n++) expected.add(n);
                    if (!expected.equals(mine)) {
                        var written = outlet.frames().stream().filter(f -> f.event().topic().equals(topic))
                                .map(f -> number(f) + "=" + f.event().id() + "@" + f.position()).toList();
                        var ids = new java.util.TreeMap<Integer, EventId>();
                        numbers.forEach((id, n) -> { if (id.epoch().equals(epochs.get(topic)) && n >= first - 2 && n < first + mine.size() + 3) ids.put(n, id); });
                        fail("stream " + i + ", " + topic + ", admitted at " + admitted + ": no gap, no duplicate; expected " + expected
                                + "\nwritten " + written + "\npublished " + ids + "\nread " + hub.stats().read());
                    }
                    checked += mine.size();
                }
            }
        } finally {
            running.set(false);
            publishing.join();
        }
        if (failure.get() != null) throw new AssertionError("the publisher failed", failure.get());
        assertTrue(checked >= 200, "events checked: " + checked);
    }

    /** Event ids grouped by topic, each topic's in the order given. */
    private static Map<String, List<EventId>> perTopic(List<Event> events) {
        Map<String, List<EventId>> out = new HashMap<>();
        for (Event e : events) out.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(e.id());
        return out;
    }

    private static final class Recording implements Outlet {
        private final List<Frame.Live> frames = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletionStage<?> send(Frame frame) {
            if (frame instanceof Frame.Live live) frames.add(live);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }

        void await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (frames.size() < count && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(count, frames.size(), "events written: " + frames);
        }

        List<Frame.Live> frames() {
            synchronized (frames) {
                return List.copyOf(frames);
            }
        }
    }
}
