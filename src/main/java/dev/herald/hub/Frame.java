package dev.herald.hub;

/** One unit of output on a subscriber's stream, before it becomes event-stream text. */
public sealed interface Frame {

    /** The {@code retry:} line that opens every stream. */
    record Open(long retryMillis) implements Frame {
    }

    /** A retained or volatile event, written with its {@code id:} when it has one. */
    record Live(Event event) implements Frame {
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

    /** Keeps idle connections alive and lets the server notice dead ones. */
    record Heartbeat(boolean asEvent, long timestamp) implements Frame {
    }

}
