package dev.herald.sse;

import dev.herald.hub.DisconnectReason;
import dev.herald.hub.Event;
import dev.herald.hub.EventId;
import dev.herald.hub.Frame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The two wire forms of one frame: named (the default) and {@code ?events=unnamed}. */
class SseWireTest {
    private static final Event EVENT = new Event(new EventId("ep0ch", 1_700_000_000_000L, 3), "custom/x", "price_changed",
            1_700_000_000_000L, "{\"p\":\"é\"}", null);

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void namedEventHasIdEventAndData() {
        assertEquals("id: " + EVENT.id() + "\nevent: price_changed\ndata: " + EVENT.envelope() + "\n\n",
                text(SseWire.encode(new Frame.Live(EVENT), false)));
    }

    @Test
    void anEventOfAStreamOverSeveralShardsEndsWithTheStreamsCursor() {
        var live = new Frame.Live(EVENT);
        String cursor = EVENT.id() + ",zzz:1-0";
        // The last id: of a block is what a client keeps; the shared part stays shared.
        assertEquals("id: " + EVENT.id() + "\nevent: price_changed\ndata: " + EVENT.envelope() + "\nid: " + cursor + "\n\n",
                text(SseWire.encode(live.positioned(cursor), false)));
        assertEquals("id: " + EVENT.id() + "\nevent: price_changed\ndata: " + EVENT.envelope() + "\n\n",
                text(SseWire.encode(live, false)), "the original is untouched");
    }

    @Test
    void unnamedEventDropsOnlyTheEventLine() {
        var live = new Frame.Live(EVENT);
        String named = text(SseWire.encode(live, false));
        assertEquals("id: " + EVENT.id() + "\ndata: " + EVENT.envelope() + "\n\n", text(SseWire.encode(live, true)));
        // Each form is made once and kept apart: a named subscriber after an unnamed one still gets the name.
        assertEquals(named, text(SseWire.encode(live, false)));
    }

    @Test
    void unnamedEventWithoutIdStartsWithData() {
        var volatileEvent = new Event(null, "chat/a", "typing_start", 1L, "{}", null);
        assertEquals("data: " + volatileEvent.envelope() + "\n\n", text(SseWire.encode(new Frame.Live(volatileEvent), true)));
    }

    @Test
    void snapshotIsUnnamedOnlyWhenAsked() {
        var snapshot = new Frame.Snapshot("metrics", "metrics_update", "{\"a\":1}", 5L);
        assertEquals("event: metrics_update\ndata: " + snapshot.envelope() + "\n\n", text(SseWire.encode(snapshot, false)));
        assertEquals("data: " + snapshot.envelope() + "\n\n", text(SseWire.encode(snapshot, true)));
    }

    @Test
    void controlFramesKeepTheirNamesUnderUnnamed() {
        assertEquals("event: reset\ndata: {\"reason\":\"stale\",\"earliestId\":null}\n\n",
                text(SseWire.encode(new Frame.Reset("stale", null), true)));
        assertEquals("event: expired\ndata: {\"reason\":\"expired\"}\n\n",
                text(SseWire.encode(new Frame.Ending(DisconnectReason.EXPIRED, "{\"reason\":\"expired\"}"), true)));
        assertEquals("event: revoked\ndata: {}\n\n", text(SseWire.encode(new Frame.Ending(DisconnectReason.REVOKED, "{}"), true)));
        assertEquals("event: expiring\ndata: {\"expiresIn\":59000,\"stream\":\"abc\"}\n\n",
                text(SseWire.encode(new Frame.Expiring(59_000, "abc"), true)));
        assertEquals("event: heartbeat\ndata: {\"timestamp\":7}\n\n", text(SseWire.encode(new Frame.Heartbeat(true, 7), true)));
        assertEquals(": heartbeat\n\n", text(SseWire.encode(new Frame.Heartbeat(false, 7), true)));
    }

    @Test
    void framesQueuedTogetherAreEncodedInOneArrayInTheStreamsForm() {
        var frames = List.<Frame>of(new Frame.Open(3000), new Frame.Live(EVENT));
        assertEquals(": herald\nretry: 3000\n\nid: " + EVENT.id() + "\ndata: " + EVENT.envelope() + "\n\n",
                text(SseWire.encode(frames, true)));
    }
}
