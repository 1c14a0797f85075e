package dev.herald.hub;

import dev.herald.boot.ShippedDefaults;
import dev.herald.hub.HubTestSupport.RecordingOutlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import static dev.herald.hub.HubTestSupport.GENEROUS;
import static dev.herald.hub.HubTestSupport.TIMEOUT;
import static dev.herald.hub.HubTestSupport.asUser;
import static dev.herald.hub.HubTestSupport.await;
import static dev.herald.hub.HubTestSupport.message;
import static dev.herald.hub.HubTestSupport.newHub;
import static dev.herald.hub.HubTestSupport.resume;
import static dev.herald.hub.HubTestSupport.topics;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventHubTest {
    private static final String ROOM = "chat/general";

    private final List<EventHub> hubs = new ArrayList<>();

    private EventHub hub(HubSettings settings, RetentionPolicy retention) {
        EventHub hub = newHub(settings, retention);
        hubs.add(hub);
        return hub;
    }

    private EventHub hub(HubSettings settings) {
        return hub(settings, GENEROUS);
    }

    private EventHub hub() {
        return hub(ShippedDefaults.hubSettings());
    }

    @AfterEach
    void closeHubs() {
        hubs.forEach(EventHub::close);
    }

    private static List<Event> publish(EventHub hub, String topic, int count) {
        var events = new ArrayList<Event>();
        for (int i = 0; i < count; i++) events.add(hub.publish(message(topic, i)));
        return events;
    }

    // --- opening, live and replay -------------------------------------------------------------

    @Test
    void aSubscriberGetsTheOpeningFrameFirstThenLiveEventsOfItsTopics() {
        EventHub hub = hub();
        var outlet = new RecordingOutlet();
        hub.subscribe(topics(ROOM), outlet);
        outlet.awaitFrames(1);

        Event e1 = hub.publish(message(ROOM, 1));
        hub.publish(message("chat/other", 2));
        Event e3 = hub.publish(message(ROOM, 3));
        outlet.awaitEvent(e3.id());

        assertEquals(List.of(new Frame.Open(3000), new Frame.Live(e1), new Frame.Live(e3)), outlet.frames());
        assertEquals(3, hub.stats().published());
        await(() -> "delivered " + hub.stats().delivered(), () -> hub.stats().delivered() == 2);
    }

    @Test
    void aNewSubscriberGetsNothingPublishedBeforeItSubscribed() {
        EventHub hub = hub();
        publish(hub, ROOM, 200); // their dispatch may still be under way when the stream opens
        var outlet = new RecordingOutlet();
        hub.subscribe(topics(ROOM), outlet);
        Event first = hub.publish(message(ROOM, 200));
        outlet.awaitEvent(first.id());

        assertEquals(List.of(first.id()), outlet.eventIds());
    }

    @Test
    void whatWasPublishedWhileAStreamOpenedReachesIt() {
        EventHub hub = hub();
        publish(hub, ROOM, 3);
        // Admitted, response sent: the client publishes before the subscription exists.
        var request = topics(ROOM).admittedAfter(hub.lastId());
        Event meanwhile = hub.publish(message(ROOM, 4));
        hub.publish(message("chat/other", 5));
        var outlet = new RecordingOutlet();
        hub.subscribe(request, outlet);
        Event live = hub.publish(message(ROOM, 6));
        outlet.awaitEvent(live.id());

        assertEquals(List.of(new Frame.Open(3000), new Frame.Live(meanwhile), new Frame.Live(live)), outlet.frames(),
                "no reset, nothing from before the admission, nothing twice");
    }

    @Test
    void resumingGetsExactlyTheMissedEventsThenLiveOnes() {
        EventHub hub = hub();
        List<Event> missed = publish(hub, ROOM, 5);
        hub.publish(message("chat/other", 99));

        var outlet = new RecordingOutlet();
        hub.subscribe(resume(missed.get(1).id().toString(), ROOM), outlet);
        outlet.awaitEvents(3);
        Event live = hub.publish(message(ROOM, 6));
        outlet.awaitEvent(live.id());

        assertEquals(List.of(new Frame.Open(3000), new Frame.Live(missed.get(2)), new Frame.Live(missed.get(3)),
                new Frame.Live(missed.get(4)), new Frame.Live(live)), outlet.frames());
        assertEquals(3, hub.stats().replayed());
        assertEquals(0, hub.stats().resets());
    }

    @Test
    void aResumeFromTheNewestIdReplaysNothing() {
        EventHub hub = hub();
        List<Event> before = publish(hub, ROOM, 3);
        var outlet = new RecordingOutlet();
        hub.subscribe(resume(before.get(2).id().toString(), ROOM), outlet);
        Event live = hub.publish(message(ROOM, 4));
        outlet.awaitEvent(live.id());

        assertEquals(List.of(new Frame.Open(3000), new Frame.Live(live)), outlet.frames());
    }

    @Test
    void aMalformedIdGetsAResetFirstThenLiveEvents() {
        EventHub hub = hub();
        publish(hub, ROOM, 2);
        var outlet = new RecordingOutlet();
        hub.subscribe(resume("not-an-id\nid: 1", ROOM), outlet);
        Event live = hub.publish(message(ROOM, 3));
        outlet.awaitEvent(live.id());

        assertEquals(List.of(new Frame.Open(3000), new Frame.Reset("malformed", null), new Frame.Live(live)),
                outlet.frames());
        assertEquals(1, hub.stats().resets());
    }

    @Test
    void aStaleIdGetsAResetNamingTheEarliestRetainedEvent() {
        EventHub hub = hub(ShippedDefaults.hubSettings(), new RetentionPolicy(3, Duration.ofHours(1), false));
        List<Event> before = publish(hub, ROOM, 5);
        var outlet = new RecordingOutlet();
        hub.subscribe(resume(before.get(0).id().toString(), ROOM), outlet);
        Event live = hub.publish(message(ROOM, 6));
        outlet.awaitEvent(live.id());

        assertEquals(List.of(new Frame.Open(3000), new Frame.Reset("stale", before.get(2).id()), new Frame.Live(live)),
                outlet.frames());
        assertEquals(0, hub.stats().replayed());
    }

    @Test
    void anIdFromAnotherEpochGetsAReset() {
        EventHub hub = hub();
        Event e1 = hub.publish(message(ROOM, 1));
        var outlet = new RecordingOutlet();
        hub.subscribe(resume("zz0:" + e1.id().millis() + "-0", ROOM), outlet);
        outlet.awaitFrames(2);

        assertEquals(new Frame.Reset("epoch", e1.id()), outlet.frames().get(1));
    }

    @Test
    void snapshotsComeAfterTheResetAndBeforeTheReplay() {
        EventHub hub = hub();
        var seenUsers = new ConcurrentLinkedQueue<String>();
        hub.registerSnapshot("chat/", (topic, user) -> {
            seenUsers.add(String.valueOf(user));
            return List.of(new Frame.Snapshot(topic, "presence", "{\"online\":2}", 7));
        });
        hub.registerSnapshot("rooms", (topic, user) -> List.of(new Frame.Snapshot(topic, "rooms_list", "[]", 8)));
        List<Event> before = publish(hub, ROOM, 3);

        var outlet = new RecordingOutlet();
        hub.subscribe(asUser("alice", before.get(0).id().toString(), "rooms", ROOM), outlet);
        outlet.awaitEvents(2);
        assertEquals(List.of(new Frame.Open(3000),
                new Frame.Snapshot("rooms", "rooms_list", "[]", 8),
                new Frame.Snapshot(ROOM, "presence", "{\"online\":2}", 7),
                new Frame.Live(before.get(1)), new Frame.Live(before.get(2))), outlet.frames());
        assertEquals(List.of("alice"), List.copyOf(seenUsers));

        var reset = new RecordingOutlet();
        hub.subscribe(resume("bogus", ROOM), reset);
        reset.awaitFrames(3);
        assertEquals(List.of(new Frame.Open(3000), new Frame.Reset("malformed", null),
                new Frame.Snapshot(ROOM, "presence", "{\"online\":2}", 7)), reset.frames());
        assertEquals(List.of("alice", "null"), List.copyOf(seenUsers), "the provider is told who subscribes");
    }

    @Test
    void eventsForOneUserReachOnlyThatUserLiveAndInReplay() {
        EventHub hub = hub();
        String topic = "notifications";
        Event start = hub.publish(EventDraft.of(topic, "notification", "{\"n\":0}"));
        var alice = new RecordingOutlet();
        var bob = new RecordingOutlet();
        var anonymous = new RecordingOutlet();
        hub.subscribe(asUser("alice", null, topic), alice);
        hub.subscribe(asUser("bob", null, topic), bob);
        hub.subscribe(topics(topic), anonymous);

        Event forAll = hub.publish(EventDraft.of(topic, "notification", "{\"n\":1}"));
        Event forAlice = hub.publish(EventDraft.of(topic, "notification", "{\"n\":2}").to("alice"));
        Event forBob = hub.publish(EventDraft.of(topic, "notification", "{\"n\":3}").to("bob"));
        Event last = hub.publish(EventDraft.of(topic, "notification", "{\"n\":4}"));
        for (var outlet : List.of(alice, bob, anonymous)) outlet.awaitEvent(last.id());

        assertEquals(List.of(forAll.id(), forAlice.id(), last.id()), alice.eventIds());
        assertEquals(List.of(forAll.id(), forBob.id(), last.id()), bob.eventIds());
        assertEquals(List.of(forAll.id(), last.id()), anonymous.eventIds());

        var aliceAgain = new RecordingOutlet();
        hub.subscribe(asUser("alice", start.id().toString(), topic), aliceAgain);
        aliceAgain.awaitEvent(last.id());
        assertEquals(List.of(forAll.id(), forAlice.id(), last.id()), aliceAgain.eventIds());
    }

    @Test
    void volatileTypesAreFannedOutButNeverReplayed() {
        EventHub hub = hub();
        hub.registerVolatileTypes(Set.of("typing_start", "typing_stop"));
        Event start = hub.publish(message(ROOM, 0));
        var listening = new RecordingOutlet();
        hub.subscribe(topics(ROOM), listening);
        listening.awaitFrames(1);

        Event m1 = hub.publish(message(ROOM, 1));
        Event typing = hub.publish(EventDraft.of(ROOM, "typing_start", "{\"userId\":\"u1\"}"));
        Event stop = hub.publish(EventDraft.of(ROOM, "typing_stop", "{\"userId\":\"u1\"}"));
        Event m2 = hub.publish(message(ROOM, 2));
        listening.awaitEvent(m2.id());
        assertEquals(List.of(m1.id(), typing.id(), stop.id(), m2.id()), listening.eventIds());

        var resuming = new RecordingOutlet();
        hub.subscribe(resume(start.id().toString(), ROOM), resuming);
        resuming.awaitEvent(m2.id());
        assertEquals(List.of(m1.id(), m2.id()), resuming.eventIds());
    }

    // --- the replay/live seam ---------------------------------------------------------------

    /**
     * A publisher streams events while subscribers resume from whatever id was newest a
     * moment ago: each must get every later event exactly once, in order, with nothing
     * lost or doubled where its replay hands over to live delivery.
     */
    @Test
    void resumingWhilePublishingLosesAndDuplicatesNothingAtTheSeam() throws Exception {
        int total = 5_000;
        int subscribers = 50;
        EventHub hub = hub(ShippedDefaults.hubSettings().withQueueCapacity(20_000));
        var published = new AtomicReferenceArray<Event>(total);
        var count = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(subscribers + 1);
        try {
            // Each subscriber resumes from the id current when the count reaches its target. The
            // publisher waits there until that subscriber has picked its id, then goes on while it
            // subscribes: the seam is raced every time, and every resume lands mid-stream however
            // slowly a loaded machine schedules the subscribers' threads.
            var reached = new CountDownLatch[subscribers];
            var picked = new CountDownLatch[subscribers];
            for (int s = 0; s < subscribers; s++) {
                reached[s] = new CountDownLatch(1);
                picked[s] = new CountDownLatch(1);
            }
            Future<?> publisher = pool.submit(() -> {
                int next = 0;
                for (int i = 0; i < total; i++) {
                    published.set(i, hub.publish(message(ROOM, i)));
                    int sofar = count.incrementAndGet();
                    while (next < subscribers && sofar == target(next, total, subscribers)) {
                        reached[next].countDown();
                        if (!picked[next].await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) throw new AssertionError("subscriber " + next + " never resumed");
                        next++;
                    }
                    if (i % 8 == 0) LockSupport.parkNanos(50_000);
                }
                return null;
            });
            var resumedAfter = new int[subscribers];
            var outlets = new RecordingOutlet[subscribers];
            var subscribing = new ArrayList<Future<?>>();
            for (int s = 0; s < subscribers; s++) {
                int me = s;
                int target = target(me, total, subscribers);
                subscribing.add(pool.submit(() -> {
                    if (!reached[me].await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) throw new AssertionError("never reached " + target);
                    int newest = count.get() - 1; // the freshest id: its own dispatch may still be under way
                    resumedAfter[me] = newest;
                    outlets[me] = new RecordingOutlet();
                    picked[me].countDown();
                    hub.subscribe(resume(published.get(newest).id().toString(), ROOM), outlets[me]);
                    return null;
                }));
            }
            publisher.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (Future<?> f : subscribing) f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            Event end = hub.publish(message(ROOM, total));
            for (int s = 0; s < subscribers; s++) {
                var expected = new ArrayList<EventId>();
                for (int i = resumedAfter[s] + 1; i < total; i++) expected.add(published.get(i).id());
                expected.add(end.id());

                outlets[s].awaitEvent(end.id());
                List<EventId> got = outlets[s].eventIds();
                assertEquals(expected.size(), got.size(),
                        "subscriber " + s + " resumed after #" + resumedAfter[s] + ": wrong number of events");
                assertEquals(expected, got, "subscriber " + s + " resumed after #" + resumedAfter[s]);
                assertEquals(new Frame.Open(3000), outlets[s].frames().get(0));
            }
            long midStream = Arrays.stream(resumedAfter).filter(i -> i < total - 1).distinct().count();
            assertTrue(midStream >= subscribers / 2,
                    "most subscribers must resume while events are still being published: " + midStream);
            assertEquals(0, hub.stats().resets());
            assertEquals(0, hub.stats().disconnects(DisconnectReason.SLOW_CONSUMER));
            assertEquals(subscribers, hub.connectionCount());
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many events are published when subscriber {@code s} resumes: spread over the run, all before its end. */
    private static int target(int s, int total, int subscribers) {
        return 1 + s * (total - 200) / subscribers;
    }

    @Test
    void everyFanOutShardKeepsItsStreamsInPublishOrderWhenWritesCompleteLater() {
        EventHub hub = hub(ShippedDefaults.hubSettings());
        var outlets = new ArrayList<RecordingOutlet>();
        for (int i = 0; i < 3 * ShippedDefaults.hubSettings().writerThreads(); i++) {
            // Half of them complete writes later, so frames queue behind a pending write.
            var outlet = i % 2 == 0 ? RecordingOutlet.completingLater() : new RecordingOutlet();
            outlets.add(outlet);
            hub.subscribe(topics(ROOM), outlet);
        }
        var elsewhere = new RecordingOutlet();
        hub.subscribe(topics("chat/elsewhere"), elsewhere);
        outlets.forEach(o -> o.awaitFrames(1));

        var sent = new ArrayList<EventId>();
        for (int i = 0; i < 300; i++) sent.add(hub.publish(message(ROOM, i)).id());

        for (var outlet : outlets) {
            outlet.awaitEvent(sent.get(sent.size() - 1));
            assertEquals(sent, outlet.eventIds(), "every event once, in publish order");
        }
        assertTrue(elsewhere.events().isEmpty(), "nothing of another topic");
        assertEquals(0, hub.stats().disconnects(DisconnectReason.SLOW_CONSUMER));
    }

    // --- slow, failing and closed streams -------------------------------------------------------

    @Test
    void aStalledClientIsDisconnectedAsSlowWhileItsNeighbourGetsEverything() {
        int capacity = 8;
        EventHub hub = hub(ShippedDefaults.hubSettings().withQueueCapacity(capacity));
        var reasons = new ConcurrentLinkedQueue<DisconnectReason>();
        hub.addListener(new SubscriptionListener() {
            @Override
            public void closed(Subscription subscription, DisconnectReason reason) {
                reasons.add(reason);
            }
        });
        var stalled = RecordingOutlet.stalled();
        var healthy = new RecordingOutlet();
        Subscription slow = hub.subscribe(topics(ROOM), stalled);
        hub.subscribe(topics(ROOM), healthy);
        stalled.awaitFrames(1); // the opening write, which never completes

        var sent = new ArrayList<EventId>();
        for (int i = 0; i < 50; i++) {
            Event e = hub.publish(message(ROOM, i));
            sent.add(e.id());
            healthy.awaitEvent(e.id()); // keep pace with the healthy one, so only the stalled one overflows
            if (i == capacity - 1) assertTrue(slow.isOpen(), "a full queue is not yet an overflow");
        }

        stalled.awaitClosed();
        assertFalse(slow.isOpen());
        assertEquals(sent, healthy.eventIds());
        assertEquals(List.of(new Frame.Open(3000)), stalled.frames(), "nothing more was written to the stalled client");
        assertEquals(1, hub.stats().disconnects(DisconnectReason.SLOW_CONSUMER));
        // Listeners hear of the close after the outlet's close is handed to a closer thread.
        await(() -> "listeners told " + reasons, () -> !reasons.isEmpty());
        assertEquals(List.of(DisconnectReason.SLOW_CONSUMER), List.copyOf(reasons));
        assertEquals(1, hub.connectionCount());
    }

    @Test
    void framesQueuedBehindAPendingWriteGoOutTogetherInOrder() {
        EventHub hub = hub(ShippedDefaults.hubSettings());
        var outlet = RecordingOutlet.completingLater();
        hub.subscribe(topics(ROOM), outlet);
        outlet.awaitFrames(1);

        var sent = new ArrayList<EventId>();
        for (int i = 0; i < 200; i++) sent.add(hub.publish(message(ROOM, i)).id());
        outlet.awaitEvent(sent.get(sent.size() - 1));

        assertEquals(sent, outlet.eventIds(), "every event once, in publish order");
        assertTrue(outlet.writes() < 1 + sent.size() / 2,
                "each write takes a millisecond, so what queued meanwhile went out together: " + outlet.writes() + " writes");
    }

    @Test
    void aWriteStuckInTheContainerGetsAnotherWriterSoOtherStreamsKeepGoing() throws Exception {
        var d = ShippedDefaults.hubSettings();
        EventHub hub = hub(new HubSettings(d.queueCapacity(), d.heartbeat(), d.retryMillis(), d.volatileTypes(), d.maxTopics(), 1));
        var release = new CountDownLatch(1);
        var stuckInWrite = new CountDownLatch(1);
        // Blocks inside send, as Liberty's write does on a client whose socket is full.
        Outlet blocking = new Outlet() {
            @Override
            public CompletionStage<?> send(Frame frame) {
                if (frame instanceof Frame.Live) {
                    stuckInWrite.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
        hub.subscribe(topics(ROOM), blocking);
        var healthy = new RecordingOutlet();
        hub.subscribe(topics(ROOM), healthy);
        healthy.awaitFrames(1);
        try {
            var sent = new ArrayList<EventId>();
            sent.add(hub.publish(message(ROOM, 0)).id());
            assertTrue(stuckInWrite.await(5, TimeUnit.SECONDS));
            for (int i = 1; i <= 20; i++) sent.add(hub.publish(message(ROOM, i)).id());
            // One writer thread, held by the stuck write: only an added thread can write these.
            healthy.awaitEvent(sent.get(sent.size() - 1));
            assertEquals(sent, healthy.eventIds());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailedWriteEndsTheSubscriptionAndRemovesIt() {
        EventHub hub = hub();
        var broken = RecordingOutlet.failingOn(Frame.Live.class::isInstance);
        var fine = new RecordingOutlet();
        Subscription sub = hub.subscribe(topics(ROOM), broken);
        hub.subscribe(topics(ROOM), fine);
        broken.awaitFrames(1);
        assertEquals(2, hub.connectionCount());

        hub.publish(message(ROOM, 1));
        broken.awaitClosed();
        assertFalse(sub.isOpen());
        assertEquals(1, hub.connectionCount());
        assertEquals(1, hub.stats().disconnects(DisconnectReason.CLIENT_GONE));

        Event later = hub.publish(message(ROOM, 2));
        fine.awaitEvent(later.id());
        assertEquals(2, broken.frames().size(), "no write is attempted after the failed one");
    }

    @Test
    void aWriteThatThrowsEndsTheSubscriptionToo() {
        EventHub hub = hub();
        var broken = RecordingOutlet.throwingOn(Frame.Live.class::isInstance);
        Subscription sub = hub.subscribe(topics(ROOM), broken);
        hub.publish(message(ROOM, 1));

        broken.awaitClosed();
        assertFalse(sub.isOpen());
        assertEquals(0, hub.connectionCount());
        assertEquals(1, hub.stats().disconnects(DisconnectReason.CLIENT_GONE));
    }

    @Test
    void closingASubscriptionTwiceCountsOnce() {
        EventHub hub = hub();
        var closedCalls = new AtomicInteger();
        hub.addListener(new SubscriptionListener() {
            @Override
            public void closed(Subscription subscription, DisconnectReason reason) {
                closedCalls.incrementAndGet();
            }
        });
        var outlet = new RecordingOutlet();
        Subscription sub = hub.subscribe(topics(ROOM), outlet);

        sub.close(DisconnectReason.CLIENT_GONE);
        sub.close(DisconnectReason.ADMIN);

        assertEquals(1, closedCalls.get());
        assertEquals(1, hub.stats().disconnects(DisconnectReason.CLIENT_GONE));
        assertEquals(0, hub.stats().disconnects(DisconnectReason.ADMIN));
        assertEquals(0, hub.connectionCount());
        outlet.awaitClosed();
        assertEquals(1, outlet.closes());
    }

    @Test
    void closingTheHubTwiceIsHarmless() {
        EventHub hub = hub();
        var outlet = new RecordingOutlet();
        Subscription sub = hub.subscribe(topics(ROOM), outlet);

        hub.close();
        assertDoesNotThrow(hub::close);

        assertFalse(sub.isOpen());
        assertFalse(hub.isReady());
        assertEquals(1, hub.stats().disconnects(DisconnectReason.SHUTDOWN));
        outlet.awaitClosed();
        assertEquals(1, outlet.closes());
    }

    @Test
    void anIdleStreamGetsAHeartbeatAfterTheInterval() {
        EventHub hub = hub(ShippedDefaults.hubSettings().withHeartbeat(Duration.ofMillis(200)));
        var outlet = new RecordingOutlet();
        hub.subscribe(new SubscribeRequest(List.of(ROOM), null, null, true), outlet);
        outlet.awaitFrames(2);

        var sent = outlet.sent();
        assertEquals(new Frame.Open(3000), sent.get(0).frame());
        var heartbeat = assertInstanceOf(Frame.Heartbeat.class, sent.get(1).frame());
        assertTrue(heartbeat.asEvent(), "the client asked for heartbeats as events");
        long quietMillis = TimeUnit.NANOSECONDS.toMillis(sent.get(1).nanos() - sent.get(0).nanos());
        // Event heartbeats are due an interval after the stream was created, a moment
        // before its opening frame was written: allow for that moment, not for a tick.
        assertTrue(quietMillis >= 180, "heartbeat after only " + quietMillis + " ms of quiet");
        assertEquals(0, hub.stats().delivered(), "a heartbeat is not a delivered event");
    }

    @Test
    void disconnectAllClosesEveryStreamAsAdmin() {
        EventHub hub = hub();
        var outlets = List.of(new RecordingOutlet(), new RecordingOutlet(), new RecordingOutlet());
        var subs = new ArrayList<Subscription>();
        subs.add(hub.subscribe(topics(ROOM), outlets.get(0)));
        subs.add(hub.subscribe(topics("metrics"), outlets.get(1)));
        subs.add(hub.subscribe(topics(ROOM, "alerts"), outlets.get(2)));

        assertEquals(3, hub.disconnectAll(DisconnectReason.ADMIN));

        assertEquals(0, hub.connectionCount());
        assertTrue(subs.stream().noneMatch(Subscription::isOpen));
        assertEquals(3, hub.stats().disconnects(DisconnectReason.ADMIN));
        for (var outlet : outlets) outlet.awaitClosed();
        assertEquals(0, hub.disconnectAll(DisconnectReason.ADMIN), "nothing left to close");
        assertTrue(hub.isReady(), "the hub itself keeps running; clients reconnect");
    }
}
