package dev.herald.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.BitSet;

/**
 * One subscriber connection, owned by one I/O thread: its socket, its parser, and what it
 * has received (sequence numbers seen, duplicates, reorderings) for the workload to check.
 */
final class Stream implements EventStreamParser.Handler {

    /** Hears of a stream on its I/O thread. */
    interface Listener {
        default void onOpen(Stream stream) {
        }

        /** An event arrived; {@code seq} and {@code sentMicros} are -1 when the data had none. */
        void onEvent(Stream stream, long seq, long sentMicros, long nowNanos);

        default void onClose(Stream stream, String why) {
        }
    }

    enum State { CONNECTING, OPEN, CLOSED }

    private static final byte[] RESET = "reset".getBytes();

    private final int ioIndex;
    private final Listener listener;
    private final StreamClient client;
    private final EventStreamParser parser = new EventStreamParser(this);
    SocketChannel channel;
    SelectionKey key;
    ByteBuffer request;
    private volatile State state = State.CONNECTING;
    private volatile String closedWhy;
    private volatile boolean paused;
    private long nowNanos;

    /** Free for the workload: which client this is. */
    int index;
    /** Delivery bookkeeping, written on the I/O thread only. */
    volatile long received;
    volatile long maxSeq = -1;
    long duplicates;
    long reorders;
    /** Herald's {@code event: reset}: the resume point was lost. */
    volatile long resets;
    volatile long lastEventNanos;
    volatile long openedNanos;
    volatile long closedNanos;
    private BitSet seen = new BitSet();

    Stream(int ioIndex, Listener listener, StreamClient client) {
        this.ioIndex = ioIndex;
        this.listener = listener;
        this.client = client;
    }

    int ioIndex() {
        return ioIndex;
    }

    State state() {
        return state;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    String closedWhy() {
        return closedWhy;
    }

    /** The stream's last event id (for resuming); reads parser state, so call it once the stream is quiet. */
    String lastEventId() {
        return parser.lastEventId();
    }

    long comments() {
        return parser.comments();
    }

    boolean hasSeen(long seq) {
        return seq >= 0 && seen.get((int) seq);
    }

    long distinctSeen(long fromSeq, long toSeq) {
        return seen.get((int) fromSeq, (int) toSeq + 1).cardinality();
    }

    /** Records a sequence number: false if it was a duplicate. */
    boolean track(long seq) {
        received++;
        if (seq < 0) return true;
        int s = (int) seq;
        if (seen.get(s)) {
            duplicates++;
            return false;
        }
        seen.set(s);
        if (seq < maxSeq) reorders++;
        else maxSeq = seq;
        return true;
    }

    int readInterest() {
        return paused ? 0 : SelectionKey.OP_READ;
    }

    void attach(SocketChannel channel, ByteBuffer request) {
        this.channel = channel;
        this.request = request;
    }

    /** Stops reading: the server's writes pile up in the socket buffers, as with a stalled client. */
    void pause() {
        paused = true;
        client.run(this, () -> {
            if (key != null && key.isValid() && !request.hasRemaining()) key.interestOps(0);
        });
    }

    void resume() {
        paused = false;
        client.run(this, () -> {
            if (key != null && key.isValid() && !request.hasRemaining()) key.interestOps(SelectionKey.OP_READ);
        });
    }

    boolean isPaused() {
        return paused;
    }

    /** Closes from the client side. */
    void close() {
        client.run(this, () -> end("client"));
    }

    void received(byte[] buf, int n, long now) {
        nowNanos = now;
        parser.feed(buf, 0, n);
    }

    void eof() {
        end("eof");
    }

    void fail(Exception e) {
        end(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    void closeQuietly() {
        end("shutdown");
    }

    private void end(String why) {
        State was = state;
        if (was == State.CLOSED) return;
        state = State.CLOSED;
        closedWhy = why;
        closedNanos = System.nanoTime();
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
        }
        if (was == State.CONNECTING) client.failedBeforeOpen();
        else client.ended();
        listener.onClose(this, why);
    }

    @Override
    public void onResponse(int status) {
        if (status != 200) {
            end("status " + status);
            return;
        }
        state = State.OPEN;
        openedNanos = System.nanoTime();
        client.opened(this);
        listener.onOpen(this);
    }

    @Override
    public void onEvent(EventStreamParser p, byte[] data, int length) {
        lastEventNanos = nowNanos;
        if (p.typeIs(RESET)) resets++;
        listener.onEvent(this, Payload.seq(data, length), Payload.sentMicros(data, length), nowNanos);
    }

    @Override
    public void onEnd() {
        end("end of body");
    }
}
