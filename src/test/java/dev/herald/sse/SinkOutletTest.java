package dev.herald.sse;

import dev.herald.hub.DisconnectReason;
import dev.herald.hub.Event;
import dev.herald.hub.EventId;
import dev.herald.hub.Frame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The events the JAX-RS transport hands RESTEasy, written here the way RESTEasy 6.2's
 * {@code SseEventProvider} writes an event (comment lines, {@code event:}, {@code id:}, data, a
 * blank line), must come out as the servlet's bytes. Over real HTTP on the JAX-RS node, StreamIT's
 * {@code blocksAreWrittenAsTheServletWritesThem} checks RESTEasy itself.
 */
class SinkOutletTest {
    private static final Event EVENT = new Event(new EventId("ep0ch", 1_700_000_000_000L, 3), "custom/x", "price_changed",
            1_700_000_000_000L, "{\"p\":\"é\"}", null);
    private static final Event NEXT = new Event(new EventId("ep0ch", 1_700_000_000_000L, 4), "custom/x", "price_changed",
            1_700_000_000_001L, "{\"p\":2}", null);
    private static final Event TYPING = new Event(null, "chat/a", "typing_start", 1L, "{}", null);

    private static String asResteasyWrites(SinkEvent e) {
        var out = new StringBuilder();
        if (e.getComment() != null) for (String line : e.getComment().split("\n")) out.append(": ").append(line).append('\n');
        if (e.getType() != null) {
            if (e.getName() != null) out.append("event: ").append(e.getName()).append('\n');
            if (e.getId() != null) out.append("id: ").append(e.getId()).append('\n');
            if (e.getData() != null) out.append("data: ").append(e.getData()).append('\n');
        }
        return out.append('\n').toString();
    }

    private static void assertWrittenAsTheServlet(List<Frame> frames, boolean unnamed, int events) {
        var written = new SinkOutlet(null, unnamed, CompletableFuture.completedFuture(null)).events(frames);
        assertEquals(events, written.size(), written.toString());
        String text = written.stream().map(SinkOutletTest::asResteasyWrites).reduce("", String::concat);
        assertEquals(new String(SseWire.encode(frames, unnamed), StandardCharsets.UTF_8), text);
    }

    @Test
    void eventsQueuedTogetherGoAsOneEventCarryingTheirBlocks() {
        assertWrittenAsTheServlet(List.of(new Frame.Live(EVENT), new Frame.Live(NEXT)), false, 1);
        assertWrittenAsTheServlet(List.of(new Frame.Live(EVENT), new Frame.Live(NEXT).positioned("ep0ch:5,zzz:1-0")), false, 1);
        assertWrittenAsTheServlet(List.of(new Frame.Live(EVENT), new Frame.Live(NEXT)), true, 1);
    }

    @Test
    void controlFramesAndVolatileEventsGoWhole() {
        assertWrittenAsTheServlet(List.of(new Frame.Reset("stale", null), new Frame.Live(TYPING),
                new Frame.Ending(DisconnectReason.SLOW_CONSUMER, "{\"reason\":\"slow_consumer\"}"), new Frame.Heartbeat(true, 5)), false, 1);
    }

    @Test
    void aCommentOrAnUnnamedDataBlockGoesInItsOwnEvent() {
        assertWrittenAsTheServlet(List.of(new Frame.Heartbeat(false, 5), new Frame.Live(EVENT), new Frame.Live(NEXT),
                new Frame.Live(TYPING), new Frame.Live(EVENT)), true, 4);
        assertWrittenAsTheServlet(List.of(new Frame.Snapshot("metrics", "metrics_update", "{\"a\":1}", 5L)), true, 1);
    }

    @Test
    void theOpeningIsLeftToSinkStreams() {
        var outlet = new SinkOutlet(null, false, CompletableFuture.completedFuture(null));
        assertEquals(List.of(), outlet.events(List.of(new Frame.Open(3000))));
    }
}
