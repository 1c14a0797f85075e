package dev.herald.hub;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** One unit of output on a subscriber's stream, before it becomes event-stream text. */
public sealed interface Frame {

    /** The {@code retry:} line that opens every stream. */
    record Open(long retryMillis) implements Frame {
    }

    /**
     * A retained or volatile event, written with its {@code id:} when it has one. The
     * hub makes one per event and hands the same one to every subscriber, so its wire
     * form is encoded by the first writer that needs it and shared by all the others.
     * A stream over several orders ({@link Cursor}) writes each event with its own cursor
     * after it: a {@link #positioned} copy, which shares the encoded forms of the original.
     */
    final class Live implements Frame {
        private final Event event;
        /** The frame this one is a positioned copy of, or null for the original. */
        private final Live original;
        /** The stream's cursor once this event is written, or null: the event's own id is the resume point. */
        private final String position;
        /** Fanned out as it was accepted; false for a replayed event, whose wait is no delivery's latency. */
        private final boolean dispatched;
        /** When the hub accepted it ({@link System#nanoTime()}): looked up once, at the first write. Racy like {@code wire}. */
        private volatile long acceptedNanos;
        /** When this node dispatched it: where its latency starts if the accept is not known yet. */
        private final long dispatchedNanos;
        /** Racy on purpose, like {@code String.hash}: two writers may both encode, to equal bytes. */
        private volatile byte[] wire;
        /** The same for streams that take their events unnamed: a second form, also made once. */
        private volatile byte[] unnamedWire;
        /** One more form a writer derives and shares between streams (the servlet's compressed form); racy too. */
        private volatile Object derived;
        /** The span of this event's fan-out on this node, when its publish was traced; else null. */
        private final Tracing.Span fanOut;

        public Live(Event event) {
            this(event, false, null);
        }

        Live(Event event, boolean dispatched, Tracing.Span fanOut) {
            this.event = Objects.requireNonNull(event);
            this.original = null;
            this.position = null;
            this.dispatched = dispatched;
            this.dispatchedNanos = dispatched ? System.nanoTime() : 0;
            this.fanOut = fanOut;
        }

        private Live(Live original, String position) {
            this.event = original.event;
            this.original = original;
            this.position = Objects.requireNonNull(position);
            this.dispatched = original.dispatched;
            this.dispatchedNanos = original.dispatchedNanos;
            this.fanOut = original.fanOut;
        }

        /** This event for one stream, followed on the wire by the stream's cursor {@code position}. */
        public Live positioned(String position) {
            return new Live(original == null ? this : original, position);
        }

        /** The stream's cursor written after the event ({@code id:} again, which a client keeps), or null for none. */
        public String position() {
            return position;
        }

        /** The fan-out span its writes are children of, or null: the event is not traced. */
        Tracing.Span fanOut() {
            return fanOut;
        }

        /**
         * When the hub accepted the event, on the monotonic clock, or 0 for a replayed one.
         * Asked of {@code clock} late (at the first write), when the publishing thread has almost
         * always noted the accept; if {@code clock} does not know yet (0), the dispatch stands in,
         * which leaves out only the broker's write.
         */
        long acceptedNanos(ToLongFunction<Event> clock) {
            if (original != null) return original.acceptedNanos(clock);
            if (!dispatched) return 0;
            long t = acceptedNanos;
            if (t == 0) {
                t = clock.applyAsLong(event);
                acceptedNanos = t = t == 0 ? dispatchedNanos : t;
            }
            return t;
        }

        public Event event() {
            return event;
        }

        /** The event encoded by {@code encoder} once; callers must not modify the array. */
        public byte[] wire(Function<Event, byte[]> encoder) {
            if (original != null) return original.wire(encoder);
            byte[] w = wire;
            if (w == null) wire = w = encoder.apply(event);
            return w;
        }

        /** The event's other wire form, encoded by {@code encoder} once; callers must not modify the array. */
        public byte[] unnamedWire(Function<Event, byte[]> encoder) {
            if (original != null) return original.unnamedWire(encoder);
            byte[] w = unnamedWire;
            if (w == null) unnamedWire = w = encoder.apply(event);
            return w;
        }

        /** What a writer left with {@link #derived(Object)}, or null: it checks that it still applies. */
        public Object derived() {
            return derived;
        }

        public void derived(Object form) {
            derived = form;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Live other && event.equals(other.event);
        }

        @Override
        public int hashCode() {
            return event.hashCode();
        }

        @Override
        public String toString() {
            return "Live[" + event + (position == null ? "" : " at " + position) + "]";
        }
    }

    /** Current state on subscribe: written without {@code id:}, so it never moves the resume point. */
    record Snapshot(String topic, String type, String data, long timestamp) implements Frame {
        public String envelope() {
            return Envelope.json(null, topic, type, timestamp, data);
        }
    }

    /** The client's id could not be resumed from; it must refetch its snapshots. */
    record Reset(String reason, EventId earliestId) implements Frame {
        public String data() {
            var sb = new StringBuilder("{\"reason\":");
            Envelope.quote(sb, reason);
            sb.append(",\"earliestId\":");
            if (earliestId == null) sb.append("null");
            else Envelope.quote(sb, earliestId.toString());
            return sb.append('}').toString();
        }
    }

    /**
     * The last frame of a stream the server ends on purpose ({@code event: expired},
     * {@code event: revoked}), so the client knows not to reconnect as before.
     */
    record Ending(DisconnectReason reason, String data) implements Frame {
    }

    /**
     * The stream's credential expires in {@code expiresInMillis}: renewing it with the
     * stream's id keeps the stream open ({@code event: expiring}). Not an ending.
     */
    record Expiring(long expiresInMillis, String stream) implements Frame {
        public Expiring {
            Objects.requireNonNull(stream);
        }

        public String data() {
            return Envelope.quote(new StringBuilder("{\"expiresIn\":").append(expiresInMillis).append(",\"stream\":"), stream)
                    .append('}').toString();
        }
    }

    /** Keeps idle connections alive and lets the server notice dead ones. */
    record Heartbeat(boolean asEvent, long timestamp) implements Frame {
    }

    /**
     * The smallest write that asks the connection whether its client is still there (a
     * comment line, which every client ignores): on HTTP/2 a reset stream fails it, and
     * on HTTP/1.1 the second of two probes fails once the client has closed.
     */
    record Probe() implements Frame {
        public static final Probe INSTANCE = new Probe();
    }

}
