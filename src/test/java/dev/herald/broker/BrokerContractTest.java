package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.BrokerListener;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventId;
import dev.herald.hub.Replay;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.herald.broker.BrokerTestSupport.MutableClock;
import static dev.herald.broker.BrokerTestSupport.START;
import static dev.herald.broker.BrokerTestSupport.gap;
import static dev.herald.broker.BrokerTestSupport.ids;
import static dev.herald.broker.BrokerTestSupport.replayedIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link Broker} must do, whichever storage is behind it. Uses only the
 * interface, so a Redis broker proves itself by extending this class.
 */
public abstract class BrokerContractTest {
    /** Keeps everything a test publishes: retention only bites where a test says so. */
    protected static final RetentionPolicy GENEROUS = new RetentionPolicy(10_000, Duration.ofHours(1), false);
    // A bound for hung brokers, not a speed test: a journal on PostgreSQL commits each of the
    // 1,000 publishes below, which takes seconds on a loaded machine.
    private static final long TIMEOUT_SECONDS = 30;

    private final List<Broker> brokers = new ArrayList<>();

    protected abstract Broker newBroker(RetentionRules rules, Clock clock);

    /**
     * Whether the broker keeps one order across all topics (one node, one Redis). One that spreads
     * topics over several orders (shards) keeps every promise per topic, and the tests of an order
     * across topics are skipped for it.
     */
    protected boolean oneOrder() {
        return true;
    }

    private Broker broker(RetentionRules rules, Clock clock) {
        Broker broker = newBroker(rules, clock);
        brokers.add(broker);
        return broker;
    }

    private Broker broker() {
        return broker(RetentionRules.uniform(GENEROUS), Clock.systemUTC());
    }

    @AfterEach
    void closeBrokers() {
        brokers.forEach(Broker::close);
    }

    private static Event publish(Broker broker, String topic) {
        return broker.publish(EventDraft.of(topic, "message", "{\"n\":1}"));
    }

    @Test
    void idsStrictlyIncreaseAndShareTheEpoch() {
        assumeTrue(oneOrder(), "one order across topics");
        Broker broker = broker();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) events.add(publish(broker, List.of("chat/a", "chat/b", "metrics").get(i % 3)));

        String epoch = events.get(0).id().epoch();
        for (int i = 1; i < events.size(); i++) {
            EventId previous = events.get(i - 1).id();
            EventId current = events.get(i).id();
            assertTrue(current.isAfter(previous), current + " must come after " + previous);
            assertEquals(epoch, current.epoch(), "every id carries the broker's epoch");
        }
        assertEquals(events.get(events.size() - 1).id(), broker.lastId());
    }

    @Test
    void idsRoundTripThroughTheirTextForm() {
        Broker broker = broker();
        for (int i = 0; i < 20; i++) {
            EventId id = publish(broker, "chat/a").id();
            assertEquals(id, EventId.parse(id.toString()).orElseThrow(), "a client echoes " + id + " back");
        }
    }

    @Test
    void idsFromOneMillisecondGetIncreasingSequences() {
        assumeTrue(oneOrder(), "one order across topics");
        Broker broker = broker(RetentionRules.uniform(GENEROUS), Clock.fixed(START, java.time.ZoneOffset.UTC));
        Event first = publish(broker, "chat/a");
        Event second = publish(broker, "chat/b");
        Event third = publish(broker, "chat/a");

        assertEquals(first.id().millis(), second.id().millis());
        assertEquals(first.id().millis(), third.id().millis());
        assertTrue(second.id().sequence() > first.id().sequence());
        assertTrue(third.id().sequence() > second.id().sequence());
        assertEquals(START.toEpochMilli(), first.timestamp(), "the timestamp comes from the broker's clock");
    }

    @Test
    void idsKeepIncreasingWhenTheClockStepsBack() {
        MutableClock clock = new MutableClock(START);
        Broker broker = broker(RetentionRules.uniform(GENEROUS), clock);
        Event before = publish(broker, "chat/a");
        clock.advance(Duration.ofSeconds(-5));
        Event after = publish(broker, "chat/a");

        assertTrue(after.id().isAfter(before.id()), after.id() + " must come after " + before.id());
    }

    @Test
    void listenerReceivesEveryEventInIdOrder() throws Exception {
        assumeTrue(oneOrder(), "one order across topics");
        Broker broker = broker();
        int publishers = 4;
        int perPublisher = 250;
        List<EventId> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(publishers * perPublisher);
        broker.subscribe(event -> {
            received.add(event.id());
            all.countDown();
        });
        for (int p = 0; p < publishers; p++) broker.follow("chat/room" + p);

        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        List<EventId> published = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                String topic = "chat/room" + p;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < perPublisher; i++) published.add(publish(broker, topic).id());
                }));
            }
            for (Future<?> f : running) f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertTrue(all.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "listener saw only " + received.size() + " events");
        List<EventId> inIdOrder = new ArrayList<>(published);
        Collections.sort(inIdOrder);
        assertEquals(inIdOrder, List.copyOf(received));
    }

    @Test
    void aBatchGetsIdsAscendingInItsOrderAndIsDeliveredAndReplayedInThatOrder() throws Exception {
        assumeTrue(oneOrder(), "one order across topics");
        Broker broker = broker();
        List<Event> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(7);
        broker.subscribe(event -> {
            received.add(event);
            all.countDown();
        });
        broker.follow("chat/a");
        broker.follow("chat/b");
        Event before = publish(broker, "chat/a");
        List<EventDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 6; i++) drafts.add(EventDraft.of(i % 3 == 1 ? "chat/b" : "chat/a", "message", "{\"n\":" + i + "}"));
        List<Event> batch = broker.publishAll(drafts);

        assertEquals(6, batch.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(drafts.get(i).topic(), batch.get(i).topic(), "answered in the order sent");
            assertEquals(drafts.get(i).data(), batch.get(i).data());
            assertTrue(batch.get(i).id().isAfter(i == 0 ? before.id() : batch.get(i - 1).id()), "ids ascend: " + ids(batch));
            assertEquals(before.id().epoch(), batch.get(i).id().epoch());
        }
        assertEquals(batch.get(5).id(), broker.lastId());
        assertTrue(all.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "listener saw only " + received.size() + " events");
        assertEquals(ids(batch), ids(received.subList(1, 7)), "the listener sees the batch in its order");
        assertEquals(List.of(batch.get(0).id(), batch.get(2).id(), batch.get(3).id(), batch.get(5).id()),
                replayedIds(broker.readAfter(List.of("chat/a"), before.id())), "one topic's events replay in the order sent");
        assertEquals(ids(batch), replayedIds(broker.readAfter(List.of("chat/a", "chat/b"), before.id())));
        Event after = publish(broker, "chat/b");
        assertTrue(after.id().isAfter(batch.get(5).id()), "a later publish comes after the batch");
    }

    /** A traced publish's traceparent reaches the listener with its event (through Redis too), and only with it. */
    @Test
    void aDraftsTraceparentComesBackWithItsEventToTheListener() throws Exception {
        Broker broker = broker();
        var received = Collections.synchronizedList(new ArrayList<String>());
        CountDownLatch all = new CountDownLatch(4);
        broker.subscribe(new BrokerListener() {
            @Override
            public void event(Event event) {
                throw new AssertionError("a broker hands on the traceparent");
            }

            @Override
            public void event(Event event, String traceparent) {
                received.add(event.type() + "=" + traceparent);
                all.countDown();
            }
        });
        broker.follow("chat/a");
        String one = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String two = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        broker.publish(EventDraft.of("chat/a", "traced", "{}").traced(one));
        broker.publish(EventDraft.of("chat/a", "plain", "{}"));
        broker.publishAll(List.of(EventDraft.of("chat/a", "first", "{}").traced(two),
                EventDraft.of("chat/a", "second", "{}").volatileEvent().traced(two)));
        assertTrue(all.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "listener saw " + received);
        assertEquals(List.of("traced=" + one, "plain=null", "first=" + two, "second=" + two), received);
    }

    @Test
    void aBatchKeepsItsVolatileEventsOutOfReplay() throws Exception {
        Broker broker = broker();
        Event before = publish(broker, "chat/a");
        List<Event> batch = broker.publishAll(List.of(EventDraft.of("chat/a", "message", "{}"),
                EventDraft.of("chat/a", "typing", "{}").volatileEvent(), EventDraft.of("chat/a", "message", "{}")));
        assertEquals(List.of(batch.get(0).id(), batch.get(2).id()), replayedIds(broker.readAfter(List.of("chat/a"), before.id())));
    }

    @Test
    void readAfterReturnsExactlyTheLaterEventsOfTheTopicsMergedInOrder() {
        assumeTrue(oneOrder(), "one order across topics");
        Broker broker = broker();
        Event a1 = publish(broker, "chat/a");
        Event b1 = publish(broker, "chat/b");
        Event c1 = publish(broker, "chat/c");
        Event a2 = publish(broker, "chat/a");
        Event b2 = publish(broker, "chat/b");
        Event c2 = publish(broker, "chat/c");
        Event a3 = publish(broker, "chat/a");

        assertEquals(List.of(b1.id(), a2.id(), b2.id(), a3.id()),
                replayedIds(broker.readAfter(List.of("chat/b", "chat/a"), a1.id())));
        assertEquals(List.of(c2.id()), replayedIds(broker.readAfter(Set.of("chat/c"), c1.id())));
        assertEquals(List.of(), replayedIds(broker.readAfter(List.of("chat/a", "chat/b", "chat/c"), a3.id())));
        assertEquals(List.of(), replayedIds(broker.readAfter(List.of("chat/never-used"), a1.id())));
    }

    @Test
    void retentionByCountDropsTheOldestAndAResumeFromBeforeThemIsAGap() {
        Broker broker = broker(RetentionRules.uniform(new RetentionPolicy(3, Duration.ofHours(1), false)),
                Clock.systemUTC());
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) events.add(publish(broker, "chat/a"));

        Replay.Gap stale = gap(broker.readAfter(List.of("chat/a"), events.get(0).id()));
        assertEquals("stale", stale.reason());
        assertEquals(events.get(2).id(), stale.earliestId(), "the oldest event still retained");

        assertEquals(ids(events.subList(2, 5)), replayedIds(broker.readAfter(List.of("chat/a"), events.get(1).id())),
                "nothing after the second event was dropped, so it still resumes");
    }

    @Test
    void retentionByAgeDropsOldEventsAsTheClockMoves() {
        MutableClock clock = new MutableClock(START);
        Broker broker = broker(RetentionRules.uniform(new RetentionPolicy(100, Duration.ofMinutes(1), false)), clock);
        Event e1 = publish(broker, "chat/a");
        Event e2 = publish(broker, "chat/a");
        clock.advance(Duration.ofSeconds(30));
        Event e3 = publish(broker, "chat/a");

        assertEquals(List.of(e2.id(), e3.id()), replayedIds(broker.readAfter(List.of("chat/a"), e1.id())));

        clock.advance(Duration.ofSeconds(31)); // e1 and e2 are now 61 s old, e3 31 s
        Replay.Gap stale = gap(broker.readAfter(List.of("chat/a"), e1.id()));
        assertEquals("stale", stale.reason());
        assertEquals(e3.id(), stale.earliestId());
        assertEquals(List.of(e3.id()), replayedIds(broker.readAfter(List.of("chat/a"), e2.id())));

        clock.advance(Duration.ofMinutes(1)); // everything expired
        assertEquals("stale", gap(broker.readAfter(List.of("chat/a"), e2.id())).reason());
        assertEquals(List.of(), replayedIds(broker.readAfter(List.of("chat/a"), e3.id())),
                "nothing was published after e3, so resuming from it loses nothing");
    }

    @Test
    void anIdFromAnotherEpochIsAGap() {
        assumeTrue(oneOrder(), "one order across topics");
        Broker broker = broker();
        Event e1 = publish(broker, "chat/a");
        publish(broker, "chat/a");
        EventId foreign = new EventId(e1.id().epoch() + "x", e1.id().millis(), e1.id().sequence());

        Replay.Gap gap = gap(broker.readAfter(List.of("chat/a"), foreign));
        assertEquals("epoch", gap.reason());
        assertEquals(e1.id(), gap.earliestId());
    }

    @Test
    void anIdBeyondTheLastIsAGap() {
        Broker broker = broker();
        Event e1 = publish(broker, "chat/a");
        Event e2 = publish(broker, "chat/a");
        EventId future = new EventId(e2.id().epoch(), e2.id().millis() + 60_000, 0);

        Replay.Gap gap = gap(broker.readAfter(List.of("chat/a"), future));
        assertEquals("unknown", gap.reason());
        assertEquals(e1.id(), gap.earliestId());
    }

    @Test
    void volatileEventsReachTheListenerButAreNeverReplayed() throws InterruptedException {
        Broker broker = broker();
        List<Event> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        broker.subscribe(event -> {
            received.add(event);
            three.countDown();
        });
        broker.follow("chat/a");

        Event r1 = publish(broker, "chat/a");
        Event typing = broker.publish(EventDraft.of("chat/a", "typing_start", "{\"userId\":\"u1\"}").volatileEvent());
        Event r2 = publish(broker, "chat/a");

        assertTrue(three.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "listener saw " + received);
        assertEquals(List.of(r1.id(), typing.id(), r2.id()), ids(List.copyOf(received)));
        assertTrue(typing.id().isAfter(r1.id()) && r2.id().isAfter(typing.id()), "a volatile event still takes its place in the order");
        assertEquals(List.of(r2.id()), replayedIds(broker.readAfter(List.of("chat/a"), r1.id())));
        assertEquals(List.of(r2.id()), replayedIds(broker.readAfter(List.of("chat/a"), typing.id())),
                "the id of a volatile event is a valid resume point");
    }

    @Test
    void conflatedTopicsNeverCauseAGapAndAreNotReplayed() {
        Broker broker = broker(RetentionRules.parse(GENEROUS, "metrics=latest"), Clock.systemUTC());
        Event m1 = publish(broker, "metrics");
        Event c1 = publish(broker, "chat/a");
        for (int i = 0; i < 10; i++) publish(broker, "metrics");
        Event c2 = publish(broker, "chat/a");
        publish(broker, "metrics");

        // Resuming chat/a from an id of metrics takes one order across them.
        if (oneOrder()) assertEquals(List.of(c1.id(), c2.id()), replayedIds(broker.readAfter(List.of("metrics", "chat/a"), m1.id())));
        assertEquals(List.of(), replayedIds(broker.readAfter(List.of("metrics"), m1.id())),
                "a conflated topic is served by its snapshot, never by replay");
    }

    @Test
    void isReadyUntilClosed() {
        Broker broker = broker();
        assertTrue(broker.isReady());
        broker.close();
        assertFalse(broker.isReady());
    }

    @Test
    void lastIdIsNullBeforeTheFirstEvent() {
        assertNull(broker().lastId());
    }
}
