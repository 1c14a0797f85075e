package dev.herald.broker;

import dev.herald.hub.BrokerListener;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventId;
import dev.herald.hub.Replay;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.redis.RedisSettings;
import dev.herald.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Interest routing on a real Redis: a node reads only the topics it follows, a join racing
 * publishes gets every event after its admission point once, and a killed subscriber
 * connection loses nothing retained.
 */
class InterestRoutingTest {
    /** The machine's Redis, and this class's key prefix there. */
    private static RedisTestSession shared;
    private static final RetentionPolicy GENEROUS = new RetentionPolicy(100_000, Duration.ofHours(1), false);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<RedisBroker> nodes = new ArrayList<>();

    @BeforeAll
    static void redisIsThere() {
        shared = RedisTestSession.open("InterestRoutingTest", "interest");
    }

    @AfterAll
    static void removeKeys() {
        if (shared != null) shared.close();
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(RedisBroker::close);
    }

    private RedisBroker node(String url, String prefix) {
        var broker = new RedisBroker(RedisSettings.of(url, prefix), RetentionRules.uniform(GENEROUS), Clock.systemUTC());
        nodes.add(broker);
        return broker;
    }

    private static EventDraft numbered(String topic, int n) {
        return EventDraft.of(topic, "n", "{\"n\":" + n + "}");
    }

    private static int number(Event event) {
        String data = event.data();
        return Integer.parseInt(data.substring(data.indexOf(':') + 1, data.length() - 1));
    }

    private static List<Integer> numbers(List<Event> events) {
        return events.stream().map(InterestRoutingTest::number).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aNodeReadsNothingOfTheTopicsItDoesNotFollowAndEachEventOfThoseItDoesOnceInOrder() throws Exception {
        String hub = shared.prefix() + "reads:";
        RedisBroker publisher = node(shared.url(), hub);
        RedisBroker reader = node(shared.url(), hub);
        Map<String, List<Event>> read = new ConcurrentHashMap<>();
        reader.subscribe(e -> read.computeIfAbsent(e.topic(), t -> Collections.synchronizedList(new ArrayList<>())).add(e));
        reader.follow("custom/held");

        var held = new ArrayList<Event>();
        for (int i = 1; i <= 200; i++) {
            publisher.publish(numbered("custom/other", i));
            publisher.publish(numbered("custom/other", i).volatileEvent());
            if (i % 20 == 0) held.add(publisher.publish(numbered("custom/held", i / 20)));
        }
        // The channel of one Redis delivers in publish order: once the last event of the held
        // topic is here, any event of the other topic sent to this node would be here too.
        await("the held topic's 10 events", () -> read.getOrDefault("custom/held", List.of()).size() >= held.size());
        assertEquals(Map.of("custom/held", held.stream().map(Event::id).toList()),
                Map.of("custom/held", read.get("custom/held").stream().map(Event::id).toList()), "each once, in id order");
        assertEquals(List.of(), read.keySet().stream().filter(t -> !t.equals("custom/held")).toList(),
                "a node reads nothing of a topic it does not follow (400 published there)");

        reader.unfollow("custom/held");
        reader.follow("custom/after");
        publisher.publish(numbered("custom/held", 11));
        Event sentinel = publisher.publish(numbered("custom/after", 1));
        await("the sentinel", () -> read.containsKey("custom/after"));
        assertEquals(List.of(sentinel.id()), read.get("custom/after").stream().map(Event::id).toList());
        assertEquals(10, read.get("custom/held").size(), "nothing of a topic after it was unfollowed");
    }

    /**
     * The hub's join, step by step against a node that follows and unfollows the topic over and
     * over while another node publishes a numbered sequence to it without pause: each period's
     * stream (replay, then live after the seam) is the sequence after its admission point with
     * nothing missing and nothing twice. Every other period resumes by id instead, from the last
     * event the period before got: resume stays exact across nodes.
     */
    @Test
    void followsRacingPublishesGiveEachJoinAContiguousRunFromItsAdmissionPoint() throws Exception {
        String hub = shared.prefix() + "race:";
        String topic = "custom/race";
        RedisBroker publisher = node(shared.url(), hub);
        RedisBroker joiner = node(shared.url(), hub);
        Map<EventId, Integer> published = new ConcurrentHashMap<>();
        var recording = new AtomicReference<List<Event>>();
        joiner.subscribe(e -> {
            List<Event> live = recording.get();
            if (live != null) live.add(e);
        });
        var running = new AtomicBoolean(true);
        var failure = new AtomicReference<Throwable>();
        Thread publishing = new Thread(() -> {
            try {
                for (int n = 1; running.get(); n++) published.put(publisher.publish(numbered(topic, n)).id(), n);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-publisher");
        publishing.start();
        int periods = 40;
        int checked = 0;
        int replayedPeriods = 0;
        EventId lastSeen = null;
        try {
            await("the first publishes", () -> published.size() > 10);
            for (int period = 0; period < periods; period++) {
                boolean resume = period % 2 == 1 && lastSeen != null;
                // StreamOpening.admit: the hub-wide newest id, before anything is followed.
                EventId admitted = resume ? lastSeen : joiner.lastId();
                // EventHub.subscribe: follow, register, note the newest id, replay, seam.
                joiner.follow(topic);
                var live = Collections.synchronizedList(new ArrayList<Event>());
                recording.set(live);
                EventId startedAfter = joiner.lastId();
                List<Event> replayed = List.of();
                EventId seam = startedAfter;
                if (resume || startedAfter.isAfter(admitted)) {
                    Replay replay = joiner.readAfter(List.of(topic), admitted);
                    if (!(replay instanceof Replay.Events events)) throw new AssertionError("replay after " + admitted + ": " + replay);
                    replayed = events.events();
                    seam = replayed.isEmpty() ? admitted : replayed.get(replayed.size() - 1).id();
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(1, 15));
                int period1 = period;
                await("period " + period1 + "'s first live event", () -> !live.isEmpty());
                recording.set(null);
                joiner.unfollow(topic);

                var stream = new ArrayList<>(replayed);
                EventId after = seam;
                synchronized (live) {
                    for (Event e : live) if (e.id().isAfter(after)) stream.add(e);
                }
                assertTrue(!stream.isEmpty(), "period " + period + " got nothing in its time");
                int first = numberOf(published, admitted);
                List<Integer> expected = new ArrayList<>();
                for (int n = first + 1; n < first + 1 + stream.size(); n++) expected.add(n);
                assertEquals(expected, numbers(stream), "period " + period + (resume ? " (resumed after " : " (admitted after ")
                        + admitted + ", replayed " + replayed.size() + "): no gap, no duplicate");
                checked += stream.size();
                if (!replayed.isEmpty()) replayedPeriods++;
                lastSeen = stream.get(stream.size() - 1).id();
            }
        } finally {
            running.set(false);
            publishing.join();
        }
        if (failure.get() != null) throw new AssertionError("the publisher failed", failure.get());
        assertTrue(replayedPeriods > 0, "some joins had to replay what came between admission and follow");
        System.out.println("join race: " + periods + " periods, " + checked + " events checked, " + replayedPeriods
                + " with a replay, " + published.size() + " published");
    }

    /** The number of the event with this id, once its publisher has it (the id may be read before publish returns). */
    private static int numberOf(Map<EventId, Integer> published, EventId id) throws InterruptedException {
        await("the publisher's number for " + id, () -> published.containsKey(id));
        return published.get(id);
    }

    /**
     * Events the topic's retention dropped before a reconnecting node could replay them are a
     * real gap: the node says history was lost (its streams end and resume by id, which tells
     * their clients), then goes on with what is retained.
     */
    @Test
    void eventsTrimmedWhileTheSubscriberWasAwayAreReportedAsLostHistory(@TempDir Path dir) throws Exception {
        RedisServer.require();
        var redis = RedisServer.onAFreePort(dir);
        redis.startEmpty();
        try (var admin = RedisClient.create(URI.create(shared.url()))) {
            String hub = shared.prefix() + "trimmed:";
            String topic = "custom/trimmed";
            var small = RetentionRules.uniform(new RetentionPolicy(5, Duration.ofHours(1), false));
            RedisBroker publisher = new RedisBroker(RedisSettings.of(shared.url(), hub), small, Clock.systemUTC());
            nodes.add(publisher);
            RedisBroker reader = new RedisBroker(RedisSettings.of(shared.url(), hub), small, Clock.systemUTC());
            nodes.add(reader);
            var read = Collections.synchronizedList(new ArrayList<Event>());
            var lost = new CountDownLatch(1);
            reader.subscribe(new BrokerListener() {
                @Override
                public void event(Event event) {
                    read.add(event);
                }

                @Override
                public void historyLost() {
                    lost.countDown();
                }
            });
            reader.follow(topic);
            Event before = publisher.publish(numbered(topic, 0));
            await("the first event", () -> read.size() == 1);

            admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
            // One script, at once: the reader waits at least 50 ms before it connects again.
            var drafts = new ArrayList<EventDraft>();
            for (int n = 1; n <= 50; n++) drafts.add(numbered(topic, n));
            List<Event> burst = publisher.publishAll(drafts);

            assertTrue(lost.await(WAIT.toSeconds(), TimeUnit.SECONDS), "45 events were trimmed unread: history lost");
            await("the retained 5", () -> read.size() >= 6);
            Thread.sleep(200);
            assertEquals(List.of(0, 46, 47, 48, 49, 50), numbers(List.copyOf(read)),
                    "what is retained still comes, in order, after " + before.id() + " and the burst ending " + burst.get(49).id());
        } finally {
            redis.kill();
        }
    }

    @Test
    void aKilledSubscriberConnectionLosesNothingRetainedAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        RedisServer.require();
        // Its own Redis: CLIENT KILL TYPE pubsub there touches no one else's connections.
        var redis = RedisServer.onAFreePort(dir);
        redis.startEmpty();
        try (var admin = RedisClient.create(URI.create(shared.url()))) {
            String hub = shared.prefix() + "killed:";
            String topic = "custom/killed";
            RedisBroker publisher = node(shared.url(), hub);
            RedisBroker reader = node(shared.url(), hub);
            var read = Collections.synchronizedList(new ArrayList<Event>());
            reader.subscribe(read::add);
            reader.follow(topic);
            var running = new AtomicBoolean(true);
            var count = new AtomicInteger();
            var failure = new AtomicReference<Throwable>();
            Thread publishing = new Thread(() -> {
                try {
                    while (running.get()) publisher.publish(numbered(topic, count.incrementAndGet()));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-publisher");
            publishing.start();
            int kills = 0;
            try {
                // Enough kills, each with publishes around it, however slow the machine is today.
                while (kills < 5 || count.get() < 300) {
                    TimeUnit.MILLISECONDS.sleep(80);
                    kills += ((Number) admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub")).intValue();
                }
                TimeUnit.MILLISECONDS.sleep(80);
            } finally {
                running.set(false);
                publishing.join();
            }
            if (failure.get() != null) throw new AssertionError("the publisher failed", failure.get());
            int total = count.get();
            await(total + " events, read " + read.size(), () -> read.size() >= total);
            Thread.sleep(200); // a duplicate would come right after
            List<Integer> expected = new ArrayList<>();
            for (int n = 1; n <= total; n++) expected.add(n);
            List<Integer> got;
            synchronized (read) {
                got = numbers(read);
            }
            assertEquals(expected, got, "after " + kills + " kills: every event once, in order");
            System.out.println("killed subscriber: " + kills + " kills under " + total + " publishes, all read once in order");
        } finally {
            redis.kill();
        }
    }
}
