package dev.herald.sse;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream's gzip member, made write by write with one shared deflater: every write is
 * readable in full the moment it arrives, the whole is a valid gzip file, and streams
 * with the same history share one compressed form.
 */
class GzipStreamTest {
    private static byte[] event(int i) {
        return ("id: e:1795861542550-" + i + "\nevent: metrics_update\ndata: {\"id\":\"e:1795861542550-" + i
                + "\",\"topic\":\"metrics\",\"type\":\"metrics_update\",\"timestamp\":17958615425" + (50 + i)
                + ",\"data\":{\"activeUsers\":" + (i % 7) + ",\"requestsPerMinute\":1200,\"errorRate\":0.01}}\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static class Cell implements GzipStream.Cache {
        GzipStream.Entry entry;

        @Override
        public GzipStream.Entry get() {
            return entry;
        }

        @Override
        public void put(GzipStream.Entry e) {
            entry = e;
        }
    }

    @Test
    void everyWriteDecompressesInFullOnArrivalAndTheWholeIsOneGzipMember() throws Exception {
        var gzip = new GzipStream();
        var inflater = new Inflater(true);
        var plain = new ByteArrayOutputStream();
        var wire = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] frame = event(i);
            byte[] out = gzip.compress(frame, null);
            wire.write(out);
            // What the client has so far decompresses to exactly what was written: nothing held back.
            inflater.setInput(i == 0 ? java.util.Arrays.copyOfRange(out, 10, out.length) : out);
            byte[] got = new byte[frame.length * 2];
            int n = inflater.inflate(got);
            assertEquals(new String(frame, StandardCharsets.UTF_8), new String(got, 0, n, StandardCharsets.UTF_8), "write " + i);
            plain.write(frame);
        }
        wire.write(gzip.finish());
        try (var in = new GZIPInputStream(new ByteArrayInputStream(wire.toByteArray()))) {
            // GZIPInputStream checks the trailer's CRC and length.
            assertArrayEquals(plain.toByteArray(), in.readAllBytes());
        }
        assertTrue(wire.size() < plain.size() / 3, "the previous event as dictionary makes repeats cheap: "
                + wire.size() + " bytes for " + plain.size());
    }

    @Test
    void streamsWithTheSameHistoryShareOneCompressedFormAndOthersGetTheirOwn() throws IOException {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) events.add(event(i));
        var a = new GzipStream();
        var b = new GzipStream();
        var late = new GzipStream();
        var wireA = new ByteArrayOutputStream();
        var wireLate = new ByteArrayOutputStream();
        byte[] heartbeat = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
        wireLate.write(late.compress(heartbeat, null));
        for (byte[] e : events) {
            var shared = new Cell();
            byte[] fromA = a.compress(e, shared);
            GzipStream.Entry made = shared.entry;
            byte[] fromB = b.compress(e, shared);
            if (e != events.get(0)) assertSame(made, shared.entry, "b used a's form: same previous write");
            assertArrayEquals(fromA, fromB);
            wireA.write(fromA);
            wireLate.write(late.compress(e, shared));
        }
        wireA.write(a.finish());
        wireLate.write(late.finish());
        try (var in = new GZIPInputStream(new ByteArrayInputStream(wireLate.toByteArray()))) {
            var expected = new ByteArrayOutputStream();
            expected.write(heartbeat);
            for (byte[] e : events) expected.write(e);
            assertArrayEquals(expected.toByteArray(), in.readAllBytes(), "a stream with another history decodes its own");
        }
        try (var in = new GZIPInputStream(new ByteArrayInputStream(wireA.toByteArray()))) {
            assertEquals(events.stream().mapToInt(x -> x.length).sum(), in.readAllBytes().length);
        }
    }

    @Test
    void aStreamEndedBeforeAnyWriteIsStillAWholeEmptyMember() throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(new GzipStream().finish()))) {
            assertEquals(0, in.readAllBytes().length);
        }
    }

    @Test
    void acceptEncodingIsReadAsHttpSaysIncludingQZero() {
        assertTrue(StreamCompression.accepts("gzip, deflate, br, zstd"));
        assertTrue(StreamCompression.accepts("deflate, gzip;q=1.0, *;q=0.5"));
        assertTrue(StreamCompression.accepts("*"));
        assertTrue(StreamCompression.accepts("X-GZIP"));
        assertEquals(false, StreamCompression.accepts(null));
        assertEquals(false, StreamCompression.accepts("identity"));
        assertEquals(false, StreamCompression.accepts("br, deflate"));
        assertEquals(false, StreamCompression.accepts("gzip;q=0"));
        assertEquals(false, StreamCompression.accepts("gzip;q=0.0, *"));
        assertEquals(false, StreamCompression.accepts("*;q=0"));
    }
}
