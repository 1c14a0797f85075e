package dev.herald.hub;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * When this node accepted its recent events, on the monotonic clock: where a delivery's
 * latency starts. A fixed ring keyed by id, so it holds nothing once an event is old
 * (4,096 newer ones overwrite it; writes come milliseconds after the accept). An event
 * not found here was accepted by another node, is long past, or is being written before its
 * publishing thread noted the accept (a busy machine can hold that thread back): its timestamp
 * (the accepting node's wall clock, to the millisecond) stands in, unless it is less than a
 * millisecond old: then that clock would say "no time at all", and the frame's dispatch time
 * stands in ({@link Frame.Live#acceptedNanos}).
 */
final class AcceptClock {
    private static final int SLOTS = 4096;

    private record Accepted(EventId id, long nanos) {
    }

    private final AtomicReferenceArray<Accepted> ring = new AtomicReferenceArray<>(SLOTS);

    void accepted(EventId id, long nanos) {
        if (id != null) ring.set(slot(id), new Accepted(id, nanos));
    }

    /** The monotonic time {@code event} was accepted at, as near as this node can tell, or 0: not known yet. */
    long acceptedNanos(Event event) {
        if (event.id() != null) {
            Accepted a = ring.get(slot(event.id()));
            if (a != null && a.id().equals(event.id())) return a.nanos();
        }
        long ageMillis = System.currentTimeMillis() - event.timestamp();
        if (ageMillis < 1) return 0;
        return System.nanoTime() - ageMillis * 1_000_000;
    }

    private static int slot(EventId id) {
        return (int) ((id.millis() * 31 + id.sequence()) & (SLOTS - 1));
    }
}
