package dev.herald.hub;

import dev.herald.boot.ShippedDefaults;
import dev.herald.hub.HubTestSupport.RecordingOutlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.herald.hub.HubTestSupport.await;
import static dev.herald.hub.HubTestSupport.message;
import static dev.herald.hub.HubTestSupport.newHub;
import static dev.herald.hub.HubTestSupport.topics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hub's spans: a sampled publish's events each get one fan-out span under the publish's
 * traceparent, ended with the streams reached, and each write of one of them a span under it;
 * an unsampled publish gets none.
 */
class TracingTest {
    private static final String TOPIC = "custom/traced";
    private final List<EventHub> hubs = new ArrayList<>();

    @AfterEach
    void close() {
        hubs.forEach(EventHub::close);
    }

    /** Records what the hub asks for; {@code current} stands for the publishing thread's span. */
    static class RecordingTracing implements Tracing {
        volatile String current;
        final List<Recorded> spans = new CopyOnWriteArrayList<>();

        final class Recorded implements Tracing.Span {
            final String kind;
            final String traceparent;
            final Recorded parent;
            final List<Tracing.Span> linked;
            final String event;
            volatile int count = -1;
            volatile boolean failed;

            Recorded(String kind, String traceparent, Recorded parent, List<Tracing.Span> linked, String event) {
                this.kind = kind;
                this.traceparent = traceparent;
                this.parent = parent;
                this.linked = linked;
                this.event = event;
            }

            @Override
            public void end(int count, boolean failed) {
                this.failed = failed;
                this.count = count;
            }

            boolean ended() {
                return count >= 0;
            }
        }

        @Override
        public String traceparent() {
            return current;
        }

        @Override
        public Tracing.Span fanOut(String traceparent, Event event) {
            var span = new Recorded("fan-out", traceparent, null, List.of(), event.type());
            spans.add(span);
            return span;
        }

        @Override
        public Tracing.Span write(Tracing.Span parent, List<Tracing.Span> linked, String transport, long streamId) {
            var span = new Recorded("write", null, (Recorded) parent, List.copyOf(linked), null);
            spans.add(span);
            return span;
        }

        List<Recorded> of(String kind) {
            return spans.stream().filter(s -> s.kind.equals(kind)).toList();
        }
    }

    private EventHub tracedHub(RecordingTracing tracing) {
        EventHub hub = newHub(ShippedDefaults.hubSettings());
        hubs.add(hub);
        hub.trace(tracing);
        return hub;
    }

    @Test
    void aSampledPublishFansOutUnderItsSpanAndEachWriteUnderTheFanOut() {
        var tracing = new RecordingTracing();
        EventHub hub = tracedHub(tracing);
        var first = new RecordingOutlet();
        var second = new RecordingOutlet();
        hub.subscribe(topics(TOPIC), first);
        hub.subscribe(topics(TOPIC), second);
        first.awaitFrames(1);
        second.awaitFrames(1);

        tracing.current = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        hub.publish(message(TOPIC, 1));
        first.awaitFrames(2);
        second.awaitFrames(2);

        await(() -> "spans ended: " + tracing.spans.size(), () -> tracing.spans.size() == 3 && tracing.spans.stream().allMatch(RecordingTracing.Recorded::ended));
        var fanOut = tracing.of("fan-out");
        assertEquals(1, fanOut.size());
        assertEquals(tracing.current, fanOut.get(0).traceparent);
        assertEquals(2, fanOut.get(0).count, "the streams it reached");
        var writes = tracing.of("write");
        assertEquals(2, writes.size(), "one per stream");
        for (var w : writes) {
            assertSame(fanOut.get(0), w.parent);
            assertEquals(1, w.count, "frames written");
            assertFalse(w.failed);
        }
    }

    @Test
    void anUnsampledPublishMakesNoSpanAnywhere() {
        var tracing = new RecordingTracing();
        EventHub hub = tracedHub(tracing);
        var outlet = new RecordingOutlet();
        hub.subscribe(topics(TOPIC), outlet);
        outlet.awaitFrames(1);

        tracing.current = null;
        hub.publish(message(TOPIC, 1));
        hub.publishAll(List.of(message(TOPIC, 2), message(TOPIC, 3)));
        outlet.awaitFrames(4);
        assertEquals(List.of(), tracing.spans);
    }

    @Test
    void eachEventOfATracedBatchFansOutUnderTheBatchsSpan() {
        var tracing = new RecordingTracing();
        EventHub hub = tracedHub(tracing);
        var outlet = new RecordingOutlet();
        hub.subscribe(topics(TOPIC), outlet);
        outlet.awaitFrames(1);

        tracing.current = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01";
        hub.publishAll(List.of(EventDraft.of(TOPIC, "one", null), EventDraft.of(TOPIC, "two", null)));
        outlet.awaitFrames(3);
        await(() -> "fan-outs: " + tracing.of("fan-out").size(), () -> tracing.of("fan-out").size() == 2);
        assertEquals(List.of("one", "two"), tracing.of("fan-out").stream().map(s -> s.event).toList());
        assertTrue(tracing.of("fan-out").stream().allMatch(s -> tracing.current.equals(s.traceparent)));
    }

    @Test
    void aFailedWriteEndsItsSpanAsFailed() {
        var tracing = new RecordingTracing();
        EventHub hub = tracedHub(tracing);
        var outlet = RecordingOutlet.failingOn(Frame.Live.class::isInstance);
        hub.subscribe(topics(TOPIC), outlet);
        outlet.awaitFrames(1);

        tracing.current = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        hub.publish(message(TOPIC, 1));
        await(() -> "a write span ended", () -> tracing.of("write").size() == 1 && tracing.of("write").get(0).ended());
        assertTrue(tracing.of("write").get(0).failed);
    }

    /** Off, the hub asks nothing: no traceparent is looked for, and drafts go to the broker untouched. */
    @Test
    void offTheHubNeverAsks() {
        var tracing = new RecordingTracing() {
            @Override
            public String traceparent() {
                throw new AssertionError("asked while off");
            }
        };
        EventHub hub = tracedHub(tracing);
        hub.trace(Tracing.OFF);
        var outlet = new RecordingOutlet();
        hub.subscribe(topics(TOPIC), outlet);
        outlet.awaitFrames(1);
        hub.publish(message(TOPIC, 1));
        outlet.awaitFrames(2);
        assertEquals(List.of(), tracing.spans);
    }
}
