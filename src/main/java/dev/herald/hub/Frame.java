package dev.herald.hub;

import java.util.Objects;
import java.util.function.Function;

/** One unit of output on a subscriber's stream, before it becomes event-stream text. */
public sealed interface Frame {

    /** The {@code retry:} line that opens every stream. */
    record Open(long retryMillis) implements Frame {
    }

    /**
     * A retained or volatile event, written with its {@code id:} when it has one. The
     * hub makes one per event and hands the same one to every subscriber, so its wire
     * form is encoded by the first writer that needs it and shared by all the others.
     */
    final class Live implements Frame {
        private final Event event;
        /** Racy on purpose, like {@code String.hash}: two writers may both encode, to equal bytes. */
        private volatile byte[] wire;
        /** The same for streams that take their events unnamed: a second form, also made once. */
        private volatile byte[] unnamedWire;

        public Live(Event event) {
            this.event = Objects.requireNonNull(event);
        }

        public Event event() {
            return event;
        }

        /** The event encoded by {@code encoder} once; callers must not modify the array. */
        public byte[] wire(Function<Event, byte[]> encoder) {
            byte[] w = wire;
            if (w == null) wire = w = encoder.apply(event);
            return w;
        }

        /** The event's other wire form, encoded by {@code encoder} once; callers must not modify the array. */
        public byte[] unnamedWire(Function<Event, byte[]> encoder) {
            byte[] w = unnamedWire;
            if (w == null) unnamedWire = w = encoder.apply(event);
            return w;
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
            return "Live[" + event + "]";
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
