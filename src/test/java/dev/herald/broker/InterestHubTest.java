package dev.herald.broker;

import dev.herald.boot.ShippedDefaults;
import dev.herald.hub.Cursor;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.hub.EventId;
import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import dev.herald.redis.RedisSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The hub's streams drive what its Redis broker reads: a topic's first stream subscribes its
 * channel, its last one leaving unsubscribes it after the linger, and streams opened while
 * another node publishes without pause get every event after their admission once.
 */
class InterestHubTest {
    /** The machine's Redis, and this class's key prefix there. */
    private static RedisTestSession shared;
    private static final RetentionPolicy GENEROUS = new RetentionPolicy(100_000, Duration.ofHours(1), false);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void redisIsThere() {
        shared = RedisTestSession.open("InterestHubTest", "interest-hub");
    }

    @AfterAll
    static void removeKeys() {
        if (shared != null) shared.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) c.close();
    }

    private RedisBroker broker(String prefix) {
        var broker = new RedisBroker(RedisSettings.of(shared.url(), prefix), RetentionRules.uniform(GENEROUS), Clock.systemUTC());
        closing.add(broker);
        return broker;
    }

    private EventHub hub(String prefix, Duration linger) {
        var hub = new EventHub(broker(prefix), ShippedDefaults.hubSettings(), linger);
        closing.add(hub);
        return hub;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting: " + what);
            Thread.sleep(5);
        }
    }

    /** Collects the events a stream writes. */
    private static final class Recording implements Outlet {
        final List<Event> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletionStage<?> send(Frame frame) {
            if (frame instanceof Frame.Live live) events.add(live.event());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }

        List<Event> snapshot() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }
    }

    private static SubscribeRequest stream(String topic) {
        return new SubscribeRequest(List.of(topic), null, null, false);
    }

    private static long subscribers(RedisClient redis, String channel) {
        // PUBSUB NUMSUB answers [channel, count].
        List<?> reply = (List<?>) redis.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", channel);
        return (Long) reply.get(1);
    }

    @Test
    void aTopicsFirstStreamSubscribesItsChannelAndItsLastUnsubscribesItAfterTheLinger() throws Exception {
        String prefix = shared.prefix() + "linger:";
        String channel = prefix + "t:custom/held";
        EventHub hub = hub(prefix, Duration.ofMillis(300));
        try (var redis = RedisClient.create(URI.create(shared.url()))) {
            assertEquals(0, subscribers(redis, channel), "no stream, no subscription");
            Subscription one = hub.subscribe(stream("custom/held"), new Recording());
            assertEquals(1, subscribers(redis, channel), "subscribed by the time the stream is open");
            Subscription two = hub.subscribe(stream("custom/held"), new Recording());
            one.close(DisconnectReason.CLIENT_GONE);
            Thread.sleep(600);
            assertEquals(1, subscribers(redis, channel), "another stream still holds the topic");
            two.close(DisconnectReason.CLIENT_GONE);
            assertEquals(1, subscribers(redis, channel), "the last stream gone, the node lingers");
            await("the unsubscription after the linger", () -> subscribers(redis, channel) == 0);
            var twice = new SubscribeRequest(List.of("custom/held", "custom/held"), null, null, false);
            Subscription again = hub.subscribe(twice, new Recording());
            assertEquals(1, subscribers(redis, channel), "a new stream subscribes it again");
            again.close(DisconnectReason.CLIENT_GONE);
            await("the unsubscription of a stream that named its topic twice", () -> subscribers(redis, channel) == 0);
        }
    }

    /**
     * Another node publishes a numbered sequence without pause while this hub opens and closes
     * streams of the topic (no linger: each stream is the topic's first and last here): each
     * stream writes the events after its admission point, all of them, each once, in order.
     */
    @Test
    void streamsOpenedWhileAnotherNodePublishesGetEveryEventAfterTheirAdmissionOnce() throws Exception {
        String prefix = shared.prefix() + "join:";
        String topic = "custom/join";
        RedisBroker publisher = broker(prefix);
        EventHub hub = hub(prefix, Duration.ZERO);
        Map<EventId, Integer> published = new ConcurrentHashMap<>();
        var running = new AtomicBoolean(true);
        var failure = new AtomicReference<Throwable>();
        Thread publishing = new Thread(() -> {
            try {
                for (int n = 1; running.get(); n++) {
                    published.put(publisher.publish(EventDraft.of(topic, "n", "{\"n\":" + n + "}")).id(), n);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-publisher");
        publishing.start();
        int checked = 0;
        try {
            await("the first publishes", () -> published.size() > 10);
            for (int i = 0; i < 30; i++) {
                // StreamOpening.admit, then the stream opens a moment later.
                EventId admitted = hub.lastId().ids().get(0);
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 5));
                var outlet = new Recording();
                Subscription sub = hub.subscribe(stream(topic).admittedAfter(Cursor.of(admitted)), outlet);
                await("stream " + i + "'s events", () -> outlet.events.size() >= 5);
                sub.close(DisconnectReason.CLIENT_GONE);
                List<Event> got = outlet.snapshot();
                await("the publisher's number for " + admitted, () -> published.containsKey(admitted));
                int first = published.get(admitted) + 1;
                List<Integer> expected = new ArrayList<>();
                for (int n = first; n < first + got.size(); n++) expected.add(n);
                List<Integer> numbers = got.stream().map(e -> Integer.parseInt(e.data().replaceAll("\\D", ""))).toList();
                assertEquals(expected, numbers, "stream " + i + " admitted after " + admitted + ": no gap, no duplicate");
                checked += got.size();
            }
        } finally {
            running.set(false);
            publishing.join();
        }
        if (failure.get() != null) throw new AssertionError("the publisher failed", failure.get());
        long read = hub.stats().read();
        assertTrue(read > 0 && read < published.size(), "the node read only while it had a stream: " + read + " of " + published.size());
        System.out.println("hub join race: 30 streams, " + checked + " events checked, " + hub.stats().read() + " read of "
                + published.size() + " published");
    }
}
