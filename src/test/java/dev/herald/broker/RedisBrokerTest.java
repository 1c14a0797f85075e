package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.BrokerListener;
import dev.herald.hub.BrokerUnavailableException;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventId;
import dev.herald.hub.RetentionRules;
import dev.herald.redis.RedisSettings;
import dev.herald.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.herald.broker.BrokerTestSupport.gap;
import static dev.herald.broker.BrokerTestSupport.ids;
import static dev.herald.broker.BrokerTestSupport.replayedIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker contract against a real Redis, plus what only a shared store can do. */
class RedisBrokerTest extends BrokerContractTest {
    private static final String URL = RedisTestSupport.url();
    /** One prefix per run; each broker of the contract gets a fresh one below it. */
    private static final String RUN = RedisTestSupport.uniquePrefix("broker");
    private static final AtomicInteger brokers = new AtomicInteger();

    private static boolean reached;

    @BeforeAll
    static void redisIsThere() {
        RedisTestSupport.requireRedis(URL, "RedisBrokerTest");
        reached = true;
    }

    @AfterAll
    static void removeKeys() {
        if (reached) RedisTestSupport.deleteKeys(URL, RUN);
    }

    @Override
    protected Broker newBroker(RetentionRules rules, Clock clock) {
        return node(RUN + brokers.incrementAndGet() + ":", rules, clock);
    }

    private final List<Broker> nodes = new ArrayList<>();

    private RedisBroker node(String prefix, RetentionRules rules) {
        return node(prefix, rules, Clock.systemUTC());
    }

    private RedisBroker node(String prefix, RetentionRules rules, Clock clock) {
        var broker = new RedisBroker(RedisSettings.of(URL, prefix), rules, clock);
        nodes.add(broker);
        return broker;
    }

    @org.junit.jupiter.api.AfterEach
    void closeNodes() {
        nodes.forEach(Broker::close);
    }

    @Test
    void twoNodesOnOneRedisSeeOneOrderAndReplayEachOthersEvents() throws Exception {
        String hub = RUN + "shared:";
        RedisBroker a = node(hub, RetentionRules.uniform(GENEROUS));
        RedisBroker b = node(hub, RetentionRules.uniform(GENEROUS));
        assertEquals(a.epoch(), b.epoch(), "nodes of one Redis share its epoch");

        int perNode = 200;
        var seenByA = Collections.synchronizedList(new ArrayList<EventId>());
        var seenByB = Collections.synchronizedList(new ArrayList<EventId>());
        var done = new CountDownLatch(4 * perNode);
        a.subscribe(e -> { seenByA.add(e.id()); done.countDown(); });
        b.subscribe(e -> { seenByB.add(e.id()); done.countDown(); });
        for (RedisBroker node : List.of(a, b)) {
            node.follow("chat/a");
            node.follow("chat/b");
        }

        var published = Collections.synchronizedList(new ArrayList<Event>());
        Thread onA = new Thread(() -> { for (int i = 0; i < perNode; i++) published.add(a.publish(EventDraft.of("chat/a", "message", "{}"))); });
        Thread onB = new Thread(() -> { for (int i = 0; i < perNode; i++) published.add(b.publish(EventDraft.of("chat/b", "message", "{}"))); });
        onA.start();
        onB.start();
        onA.join();
        onB.join();

        assertTrue(done.await(10, TimeUnit.SECONDS), "A saw " + seenByA.size() + ", B saw " + seenByB.size());
        assertEquals(seenByA, seenByB, "both nodes see one order");
        List<EventId> sorted = new ArrayList<>(ids(published));
        Collections.sort(sorted);
        assertEquals(sorted, seenByA, "every event, in id order");

        EventId first = sorted.get(0);
        assertEquals(sorted.subList(1, sorted.size()), replayedIds(b.readAfter(List.of("chat/a", "chat/b"), first)),
                "B replays what A published, merged in the hub's order");
    }

    @Test
    void aFlushedRedisGetsANewEpochOldIdsAreAGapAndOpenStreamsAreTold() throws Exception {
        String hub = RUN + "flushed:";
        RedisBroker broker = node(hub, RetentionRules.uniform(GENEROUS));
        var told = new CountDownLatch(1);
        var received = new CountDownLatch(1);
        Event before = broker.publish(EventDraft.of("chat/a", "message", "{}"));

        RedisTestSupport.deleteKeys(URL, hub); // what a restart without persistence does
        broker.subscribe(new BrokerListener() {
            @Override
            public void event(Event e) {
                if (!e.id().sameEpoch(before.id())) received.countDown();
            }

            @Override
            public void historyLost() {
                told.countDown();
            }
        });
        broker.follow("chat/a");
        Event after = broker.publish(EventDraft.of("chat/a", "message", "{}"));

        assertNotEquals(before.id().epoch(), after.id().epoch(), "a lost history means a new epoch");
        assertTrue(told.await(5, TimeUnit.SECONDS), "open streams are told the history was lost");
        assertTrue(received.await(5, TimeUnit.SECONDS), "the reader follows the new epoch from its start");
        assertEquals("epoch", gap(broker.readAfter(List.of("chat/a"), before.id())).reason(),
                "an id from the lost history is a reset, never a wrong replay");
        assertEquals(List.of(), replayedIds(broker.readAfter(List.of("chat/a"), after.id())));
    }

    @Test
    void unreachableRedisIsNotReadyAndRefusesPublishes() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var broker = new RedisBroker(RedisSettings.of("redis://127.0.0.1:" + closedPort, RUN + "nowhere:"),
                RetentionRules.uniform(GENEROUS), Clock.systemUTC());
        nodes.add(broker);

        assertFalse(broker.isReady());
        assertThrows(BrokerUnavailableException.class, () -> broker.publish(EventDraft.of("chat/a", "message", "{}")));
        assertEquals("unavailable", gap(broker.readAfter(List.of("chat/a"), new EventId("e", 1, 0))).reason(),
                "a stream opened meanwhile stays open and goes live when Redis is back");
    }

    @Test
    void aNodeThatReachesRedisLateDeliversEverythingPublishedOnceItWasReady(@TempDir Path dir) throws Exception {
        RedisServer.require();
        var late = RedisServer.onAFreePort(dir);
        String url = late.url();
        var b = new RedisBroker(RedisSettings.of(url, RUN + "late:"), RetentionRules.uniform(GENEROUS), Clock.systemUTC());
        nodes.add(b);
        var seenByB = Collections.synchronizedList(new ArrayList<EventId>());
        b.subscribe(e -> seenByB.add(e.id()));
        b.follow("chat/a"); // at once: Redis is not there yet
        try {
            // B's reader is backing off (retries at about 1.55 s, 2.55 s, …), as a node started before its Redis is.
            Thread.sleep(2000);
            late.startEmpty();
            Event own = b.publish(EventDraft.of("chat/a", "message", "{}"));
            assertTrue(b.isReady(), "a node that published is ready, and may hold subscribers");
            var a = new RedisBroker(RedisSettings.of(url, RUN + "late:"), RetentionRules.uniform(GENEROUS), Clock.systemUTC());
            nodes.add(a);
            Event other = a.publish(EventDraft.of("chat/a", "message", "{}"));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (seenByB.size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(List.of(own.id(), other.id()), seenByB,
                    "B's reader starts where the hub stood when B became ready, not at its own first read");
        } finally {
            late.kill();
        }
    }
}
