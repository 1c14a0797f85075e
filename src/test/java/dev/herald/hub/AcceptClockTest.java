package dev.herald.hub;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcceptClockTest {
    private final AcceptClock clock = new AcceptClock();

    private static Event event(long sequence, long timestamp) {
        return new Event(new EventId("e", 1_000, sequence), "chat/a", "message", timestamp, "{}", null);
    }

    @Test
    void anEventNotedHereIsTimedFromItsAccept() {
        Event e = event(1, System.currentTimeMillis());
        clock.accepted(e.id(), 42);
        assertEquals(42, clock.acceptedNanos(e));
    }

    @Test
    void anEventWrittenBeforeItsAcceptIsNotedIsNotTimedAsInstant() {
        // What a busy machine does: the writer reaches the event before the publishing thread notes it.
        Event e = event(2, System.currentTimeMillis() + 5);
        assertEquals(0, clock.acceptedNanos(e), "not known yet, rather than a latency of zero");

        long before = System.nanoTime();
        var frame = new Frame.Live(e, true, null);
        long started = frame.acceptedNanos(clock::acceptedNanos);
        assertTrue(started >= before && started <= System.nanoTime(), "the frame's dispatch stands in");
        clock.accepted(e.id(), 42);
        assertEquals(started, frame.acceptedNanos(clock::acceptedNanos), "one start for every write of the event");
    }

    @Test
    void anotherNodesEventIsTimedByItsTimestamp() {
        Event e = event(3, System.currentTimeMillis() - 50);
        long latencyMillis = (System.nanoTime() - clock.acceptedNanos(e)) / 1_000_000;
        assertTrue(latencyMillis >= 49 && latencyMillis < 5_000, "about 50 ms: " + latencyMillis);
    }
}
