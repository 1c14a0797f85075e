package dev.herald.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator's parser against the WHATWG event-stream rules and HTTP/1.1 framing, fed in every split. */
class EventStreamParserTest {

    static final class Collect implements EventStreamParser.Handler {
        final List<String> events = new ArrayList<>();
        int status = -1;
        boolean ended;

        @Override
        public void onResponse(int status) {
            this.status = status;
        }

        @Override
        public void onEvent(EventStreamParser p, byte[] data, int length) {
            events.add(p.eventType() + "|" + p.lastEventId() + "|" + new String(data, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void onEnd() {
            ended = true;
        }
    }

    private static Collect parseInPieces(String wire, int piece) {
        var c = new Collect();
        var p = new EventStreamParser(c);
        byte[] b = wire.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += piece) p.feed(b, i, Math.min(piece, b.length - i));
        return c;
    }

    private static String chunked(String body) {
        var sb = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += 7) {
            int n = Math.min(7, b.length - i);
            sb.append(Integer.toHexString(n)).append("\r\n").append(new String(b, i, n, StandardCharsets.ISO_8859_1)).append("\r\n");
        }
        return sb.append("0\r\n\r\n").toString();
    }

    @Test
    void chunkedStreamParsesTheSameHoweverTheBytesArrive() {
        String body = ": herald\nretry: 3000\ndata:\n\nevent: tick\nid: a:1\ndata: {\"seq\":1}\n\nid: a:2\ndata: x\ndata:  y\n\n";
        for (int piece = 1; piece <= 40; piece++) {
            var c = parseInPieces(chunked(body), piece);
            assertEquals(200, c.status);
            // WHATWG: "data:" alone appends an LF, so the buffer is not empty and an event with empty data is dispatched.
            assertEquals(List.of("message|null|", "tick|a:1|{\"seq\":1}", "message|a:2|x\n y"), c.events, "piece " + piece);
            assertTrue(c.ended, "final chunk ends the stream");
        }
    }

    @Test
    void everyLineEndingCountsAndIdOutlivesTheEvent() {
        String wire = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"
                + "\uFEFFid: 7\rdata: one\r\n\r\nevent: e\r\ndata:two\n\n:comment\ndata: three\r\rid\n\ndata: four\n";
        for (int piece = 1; piece <= 9; piece++) {
            var c = parseInPieces(wire, piece);
            assertEquals(List.of("message|7|one", "e|7|two", "message|7|three"), c.events, "piece " + piece);
        }
    }

    @Test
    void anIdWithNulIsIgnoredAndRetryNeedsDigits() {
        var c = new Collect();
        var p = new EventStreamParser(c);
        byte[] b = "HTTP/1.1 200 OK\r\n\r\nid: ok\nretry: 12x\ndata: a\n\nid: b\u0000d\nretry: 250\ndata: b\n\n".getBytes(StandardCharsets.UTF_8);
        p.feed(b, 0, b.length);
        assertEquals(List.of("message|ok|a", "message|ok|b"), c.events);
        assertEquals(250, p.retry());
    }

    @Test
    void aRefusedStreamEndsAtItsHead() {
        var c = parseInPieces("HTTP/1.1 400 Bad Request\r\nContent-Length: 5\r\n\r\nnope!", 3);
        assertEquals(400, c.status);
        assertTrue(c.ended);
        assertEquals(List.of(), c.events);
    }

    @Test
    void payloadCarriesSequenceAndSendTimeInsideAnEnvelope() {
        String p = Payload.of(42, 123456789, Payload.SIZE);
        assertEquals(Payload.SIZE, p.length());
        String envelope = "{\"id\":\"x:1\",\"topic\":\"custom/bench\",\"type\":\"tick\",\"timestamp\":99,\"data\":" + p + "}";
        byte[] b = envelope.getBytes(StandardCharsets.UTF_8);
        assertEquals(42, Payload.seq(b, b.length));
        assertEquals(123456789, Payload.sentMicros(b, b.length));
        assertEquals(-1, Payload.seq(new byte[]{'{', '}'}, 2));
    }

    @Test
    void histogramPercentilesAreWithinTwoPercent() {
        var h = new Histogram();
        for (int i = 1; i <= 100_000; i++) h.record(i);
        assertEquals(100_000, h.max());
        assertEquals(50_000, h.percentile(0.5), 50_000 * 0.02);
        assertEquals(99_000, h.percentile(0.99), 99_000 * 0.02);
        var one = new Histogram();
        one.record(5);
        assertEquals(5, one.percentile(0.99));
    }
}
