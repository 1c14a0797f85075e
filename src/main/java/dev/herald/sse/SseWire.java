package dev.herald.sse;

import dev.herald.hub.Event;
import dev.herald.hub.Frame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The only place that decides what a frame looks like on the wire, as the bytes
 * written. Data is always one line of JSON (the hub escapes every control
 * character), so no payload can start a line of its own.
 *
 * <p>Events are named by default ({@code event: <type>}). A stream opened with
 * {@code ?events=unnamed} gets events and snapshots without the {@code event:} line:
 * a browser's {@code EventSource} dispatches only the names it listens for, but hands
 * every unnamed event to {@code onmessage}, and the envelope already says the type.
 * Control frames ({@code reset}, {@code expiring}, {@code expired}, {@code revoked}, {@code heartbeat})
 * keep their names either way: they carry no envelope, and a client tells them apart
 * from data by listening for those few names.
 */
final class SseWire {
    /** An empty comment line: two bytes that every event-stream parser skips. */
    private static final byte[] PROBE = {':', '\n'};
    /** What {@code event: expired} always says, whether it ends a stream or refuses one. */
    static final String EXPIRED = "{\"reason\":\"expired\"}";

    private SseWire() {
    }

    static byte[] encode(Frame frame, boolean unnamedEvents) {
        return switch (frame) {
            case Frame.Live live -> {
                byte[] shared = unnamedEvents ? live.unnamedWire(SseWire::unnamedEvent) : live.wire(SseWire::event);
                yield live.position() == null ? shared : positioned(shared, live.position());
            }
            // A comment and retry: only; no data, so a browser dispatches nothing.
            case Frame.Open open -> bytes(new StringBuilder(32).append(": herald\nretry: ").append(open.retryMillis()).append("\n\n"));
            case Frame.Snapshot snapshot -> block(null, unnamedEvents ? null : snapshot.type(), snapshot.envelope());
            case Frame.Reset reset -> block(null, "reset", reset.data());
            case Frame.Ending ending -> block(null, ending.reason().wireName(), ending.data());
            case Frame.Expiring expiring -> block(null, "expiring", expiring.data());
            case Frame.Probe probe -> PROBE;
            case Frame.Heartbeat hb -> hb.asEvent() ? block(null, "heartbeat", "{\"timestamp\":" + hb.timestamp() + "}")
                    : ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * The shared block with a second {@code id:} line before its blank line: the stream's cursor.
     * Inside the block, so a client keeps the cursor with the event or has neither (the last
     * {@code id:} of a block wins).
     */
    private static byte[] positioned(byte[] block, String position) {
        byte[] line = ("id: " + position + "\n\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(block, block.length - 1 + line.length);
        System.arraycopy(line, 0, out, block.length - 1, line.length);
        return out;
    }

    /** A whole stream that only says come back later: {@code retry:} and one {@code refused} event. */
    static byte[] refusal(long retryMillis, String problem) {
        var sb = new StringBuilder(64 + problem.length()).append(": herald\nretry: ").append(retryMillis).append("\n\n");
        sb.append("event: refused\n").append("data: ").append(problem).append("\n\n");
        return bytes(sb);
    }

    /**
     * A whole stream that says the session it needs has ended: {@code retry:} and one
     * {@code expired}, for a client that can read no status (see {@link RetryableRefusal}).
     */
    static byte[] expiredRefusal(long retryMillis) {
        var sb = new StringBuilder(80).append(": herald\nretry: ").append(retryMillis).append("\n\n");
        sb.append("event: expired\n").append("data: ").append(EXPIRED).append("\n\n");
        return bytes(sb);
    }

    /** Frames queued together, as one array: one write for all of them. */
    static byte[] encode(List<Frame> frames, boolean unnamedEvents) {
        byte[][] parts = new byte[frames.size()][];
        int length = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = encode(frames.get(i), unnamedEvents);
            length += parts[i].length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Called once per event, whatever the number of its subscribers. */
    private static byte[] event(Event e) {
        return block(e.id() == null ? null : e.id().toString(), e.type(), e.envelope());
    }

    /** Called once per event that has a subscriber taking unnamed events: no {@code event:} line. */
    private static byte[] unnamedEvent(Event e) {
        return block(e.id() == null ? null : e.id().toString(), null, e.envelope());
    }

    /** A block; {@code type} null writes no {@code event:} line. */
    private static byte[] block(String id, String type, String data) {
        var sb = new StringBuilder(32 + (type == null ? 0 : type.length()) + data.length());
        if (id != null) sb.append("id: ").append(id).append('\n');
        if (type != null) sb.append("event: ").append(type).append('\n');
        sb.append("data: ").append(data).append("\n\n");
        return bytes(sb);
    }

    private static byte[] bytes(StringBuilder sb) {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
