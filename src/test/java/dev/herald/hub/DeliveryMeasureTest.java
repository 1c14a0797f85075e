package dev.herald.hub;

import dev.herald.boot.ShippedDefaults;
import dev.herald.hub.HubTestSupport.RecordingOutlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.herald.hub.HubTestSupport.await;
import static dev.herald.hub.HubTestSupport.message;
import static dev.herald.hub.HubTestSupport.newHub;
import static dev.herald.hub.HubTestSupport.resume;
import static dev.herald.hub.HubTestSupport.topics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the hub reports for the metrics: each write's latency from accept to write with
 * the outlet's transport, none for replayed events, and each stream's backlog.
 */
class DeliveryMeasureTest {
    private final List<EventHub> hubs = new ArrayList<>();

    @AfterEach
    void close() {
        hubs.forEach(EventHub::close);
    }

    private EventHub hub() {
        EventHub hub = newHub(ShippedDefaults.hubSettings());
        hubs.add(hub);
        return hub;
    }

    private record Delivered(String transport, long nanos) {
    }

    private static final class Recorder implements HubObserver {
        final ConcurrentLinkedQueue<Delivered> delivered = new ConcurrentLinkedQueue<>();
        volatile int published;
        volatile int replayed;

        @Override
        public void published(int count) {
            published += count;
        }

        @Override
        public void delivered(String transport, long latencyNanos) {
            delivered.add(new Delivered(transport, latencyNanos));
        }

        @Override
        public void replayed(int count) {
            replayed += count;
        }
    }

    /** A recording outlet that says which transport it is. */
    private record NamedOutlet(RecordingOutlet inner) implements Outlet {
        @Override
        public java.util.concurrent.CompletionStage<?> send(Frame frame) {
            return inner.send(frame);
        }

        @Override
        public java.util.concurrent.CompletionStage<?> sendAll(List<Frame> frames) {
            return inner.sendAll(frames);
        }

        @Override
        public String transport() {
            return "servlet";
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void liveWritesAreTimedFromAcceptToWriteAndReplayedOnesAreNot() {
        EventHub hub = hub();
        var recorder = new Recorder();
        hub.stats().observe(recorder);
        Event before = hub.publish(message("custom/a", 0));
        long opened = System.nanoTime();
        // Resumed from the event itself: nothing replayed, only live events.
        hub.subscribe(resume(before.id().toString(), "custom/a"), new NamedOutlet(new RecordingOutlet()));
        // Resumed from the epoch's start: the event is replayed, then live ones follow.
        var replaying = new RecordingOutlet();
        hub.subscribe(resume(before.id().epoch() + ":0-0", "custom/a"), replaying);
        await(() -> "the replay", () -> recorder.delivered.size() >= 1);
        assertEquals(-1, recorder.delivered.peek().nanos(), "a replayed event is written but not timed");
        assertEquals("other", recorder.delivered.peek().transport());
        recorder.delivered.clear();

        for (int i = 1; i <= 5; i++) hub.publish(message("custom/a", i));
        await(() -> "ten live writes: " + recorder.delivered, () -> recorder.delivered.size() >= 10);
        long elapsed = System.nanoTime() - opened;
        for (Delivered d : recorder.delivered) {
            assertTrue(d.nanos() >= 0 && d.nanos() < elapsed, "timed within the test: " + d);
        }
        assertEquals(5, recorder.delivered.stream().filter(d -> d.transport().equals("servlet")).count(), "by the outlet's transport");
        assertEquals(6, recorder.published);
        assertEquals(1, recorder.replayed);
        assertEquals(6, hub.stats().published(), "the totals are kept beside the observer");
    }

    @Test
    void aStalledStreamShowsItsQueueAndHowOldItsOldestEventIs() throws Exception {
        EventHub hub = hub();
        var stalled = RecordingOutlet.stalled();
        var reading = new RecordingOutlet();
        Subscription slow = hub.subscribe(topics("custom/b"), stalled);
        hub.subscribe(topics("custom/b"), reading);
        for (int i = 0; i < 5; i++) hub.publish(message("custom/b", i));
        await(() -> "the reader's writes", () -> reading.frames().size() >= 6);
        Thread.sleep(50);
        List<StreamLag> lags = hub.lags();
        assertEquals(2, lags.size());
        StreamLag first = lags.get(0);
        assertEquals(slow.id(), first.id(), "the stalled stream is furthest behind: " + lags);
        assertEquals(5, first.queued(), "all five wait behind its stuck first write: " + first);
        assertTrue(first.oldestNanos() >= 50_000_000L, "its oldest event has waited since it was published: " + first);
        assertEquals(0, lags.get(1).queued());
        assertEquals(0, lags.get(1).oldestNanos());
        assertEquals(Set.of("custom/b"), first.topics());
    }
}
