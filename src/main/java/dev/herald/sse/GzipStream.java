package dev.herald.sse;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One stream's body as a gzip member, compressed write by write, each write ending with a
 * sync flush so that it decompresses completely as soon as it arrives.
 *
 * <p>A {@link Deflater} per stream would hold about 256 KB of zlib state for the stream's
 * whole life (Java cannot shrink its window), 2.5 GB for 10,000 idle streams. Instead each
 * write is a run of deflate blocks of its own, made by one of a few shared deflaters,
 * reset every time: blocks ending in a sync flush are byte-aligned and not final, so runs
 * made apart concatenate into one valid deflate stream. What a per-stream window would
 * have given, the repeats between one event and the next (field names, topic, type), comes
 * from handing the deflater the stream's previous write as its dictionary: those bytes are
 * exactly the end of what the client has decompressed, so references into them resolve. A
 * stream keeps only a reference to that previous write (usually an event's shared bytes),
 * a CRC and a length.
 *
 * <p>Streams of one topic mostly write the same event after the same event, so the
 * compressed form of a single shared frame is cached beside it, keyed by the dictionary it
 * was made with ({@link #compress(byte[], Cache)}): one deflate for all of them.
 *
 * <p>Not thread-safe: the hub writes a stream from one writer at a time.
 */
final class GzipStream {
    /** The member header: deflate, no name, no time, unknown OS (RFC 1952). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** An empty final block (fixed Huffman: BFINAL=1, BTYPE=01, end-of-block), which ends the deflate stream. */
    private static final byte[] LAST_BLOCK = {0x03, 0x00};
    /** Deflate looks back at most 32 KiB. */
    private static final int WINDOW = 32 * 1024;
    /**
     * Deflaters not in use, shared by every write: a deflate never blocks, so about as many are in
     * use at once as there are cores. Not one per thread: every write runs on a new virtual thread.
     */
    private static final BlockingQueue<Deflater> IDLE = new ArrayBlockingQueue<>(64);

    /** Where the compressed form of one shared frame is kept, with the dictionary it was made after. */
    interface Cache {
        Entry get();

        void put(Entry entry);
    }

    /** {@code plain} compressed after {@code dictionary} (both compared by identity). */
    record Entry(byte[] dictionary, byte[] plain, byte[] compressed) {
    }

    private final CRC32 crc = new CRC32();
    private long size;
    private byte[] previous;
    private boolean started;
    private boolean finished;

    /** Compresses one write's bytes; {@code cache} (may be null) keeps the result for other streams with the same previous write. */
    byte[] compress(byte[] plain, Cache cache) {
        if (finished) throw new IllegalStateException("gzip member already finished");
        byte[] dictionary = previous;
        byte[] body = null;
        if (cache != null) {
            Entry e = cache.get();
            if (e != null && e.dictionary() == dictionary && e.plain() == plain) body = e.compressed();
        }
        if (body == null) {
            body = deflate(plain, dictionary);
            if (cache != null) cache.put(new Entry(dictionary, plain, body));
        }
        crc.update(plain);
        size += plain.length;
        previous = plain;
        if (started) return body;
        started = true;
        byte[] out = Arrays.copyOf(HEADER, HEADER.length + body.length);
        System.arraycopy(body, 0, out, HEADER.length, body.length);
        return out;
    }

    /** The end of the member: a final empty block and the trailer (CRC-32, length mod 2^32). Once. */
    byte[] finish() {
        if (finished) return new byte[0];
        finished = true;
        byte[] out = new byte[(started ? 0 : HEADER.length) + LAST_BLOCK.length + 8];
        int at = 0;
        if (!started) {
            System.arraycopy(HEADER, 0, out, 0, HEADER.length);
            at = HEADER.length;
        }
        out[at++] = LAST_BLOCK[0];
        out[at++] = LAST_BLOCK[1];
        at = littleEndian(out, at, crc.getValue());
        littleEndian(out, at, size);
        return out;
    }

    private static int littleEndian(byte[] out, int at, long value) {
        for (int i = 0; i < 4; i++) out[at++] = (byte) (value >>> (8 * i));
        return at;
    }

    private static byte[] deflate(byte[] plain, byte[] dictionary) {
        Deflater deflater = IDLE.poll();
        if (deflater == null) deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            return deflate(deflater, plain, dictionary);
        } finally {
            // Its zlib state is native memory: freed now if the pool is full, not at some collection.
            if (!IDLE.offer(deflater)) deflater.end();
        }
    }

    private static byte[] deflate(Deflater deflater, byte[] plain, byte[] dictionary) {
        deflater.reset();
        if (dictionary != null && dictionary.length > 0) {
            int length = Math.min(dictionary.length, WINDOW);
            deflater.setDictionary(dictionary, dictionary.length - length, length);
        }
        deflater.setInput(plain);
        // Room for incompressible input: stored blocks add 5 bytes per 16 KiB, the flush marker 5 more.
        byte[] out = new byte[plain.length + plain.length / 1000 + 64];
        int n = 0;
        while (true) {
            n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length) break;
            out = Arrays.copyOf(out, out.length * 2);
        }
        return Arrays.copyOf(out, n);
    }
}
