package dev.herald.sse;

import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A subscription's way out through a suspended servlet response, written with plain
 * blocking writes from the hub's writers (virtual threads). Liberty's non-blocking mode
 * ({@code WriteListener}) would not spare a thread: its output stream still sends
 * synchronously and waits once a client's socket is full, and it asks for two
 * {@code isReady()} calls per write, about a third of the writers' CPU at 1,000 × 50/s
 * (BENCHMARKS.md, "Where a delivery's CPU goes"). A write stuck on a full socket holds
 * only its own virtual thread, which gives its carrier back while it waits.
 *
 * <p>The stream ends on the first sign the client left: a failed write, or the
 * container's async error or completion. Liberty reports a client that closed an
 * idle stream by neither (nor through a {@code ReadListener}: a GET has no body,
 * so no read is pending to fail); the next write, at the latest a probe's or a
 * heartbeat's, finds it.
 */
final class ServletOutlet implements Outlet, AsyncListener {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final AsyncContext async;
    private final ServletOutputStream out;
    /** {@code ?events=unnamed}: see {@link SseWire}. */
    private final boolean unnamedEvents;
    /** Null for a plain stream. */
    private final GzipStream gzip;
    /** Held by a write, or by {@link #close} writing the gzip trailer: the two never interleave bytes. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final AtomicBoolean gone = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Runnable onGone;

    /** @param async the suspended request: started by {@link EventsServlet}, or by RESTEasy for a sink */
    ServletOutlet(AsyncContext async, boolean unnamedEvents, boolean gzip) throws IOException {
        this.async = async;
        this.unnamedEvents = unnamedEvents;
        this.gzip = gzip ? new GzipStream() : null;
        this.out = async.getResponse().getOutputStream();
    }

    /**
     * The contract's headers, sent now, before the request is suspended; true when the stream
     * is gzipped (compression on and the client asks: every browser does). Liberty ignores a
     * response's first flush, so without this the opening frame would wait for the next
     * write. A buffer of one byte sends every later frame as it is written, without a
     * flush() per frame.
     */
    static boolean begin(HttpServletRequest request, HttpServletResponse response, boolean compression) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        // Compressed per stream, flushed per write (GzipStream).
        boolean gzip = compression && StreamCompression.accepts(request.getHeader("Accept-Encoding"));
        if (compression) response.setHeader("Vary", "Accept-Encoding");
        if (gzip) response.setHeader("Content-Encoding", "gzip");
        response.setBufferSize(1);
        response.flushBuffer();
        return gzip;
    }

    /** Listens for the container's end of the request; call before the first frame is sent. */
    void start() {
        async.addListener(this);
    }

    /** What to do once the client is gone; runs at once if it already is. */
    void whenGone(Runnable action) {
        onGone = action;
        if (gone.get()) action.run();
    }

    @Override
    public String transport() {
        return "servlet";
    }

    @Override
    public CompletionStage<?> send(Frame frame) {
        byte[] plain = SseWire.encode(frame, unnamedEvents);
        // A positioned event's bytes are this stream's own: nothing to share.
        return write(plain, gzip != null && frame instanceof Frame.Live live && live.position() == null ? new SharedForm(live) : null);
    }

    /** Several queued frames in one write: one trip through the container and one send for all. */
    @Override
    public CompletionStage<?> sendAll(List<Frame> frames) {
        return write(SseWire.encode(frames, unnamedEvents), null);
    }

    /** An event's compressed form kept beside it for the next stream with the same previous write. */
    private record SharedForm(Frame.Live live) implements GzipStream.Cache {
        @Override
        public GzipStream.Entry get() {
            return live.derived() instanceof GzipStream.Entry e ? e : null;
        }

        @Override
        public void put(GzipStream.Entry entry) {
            live.derived(entry);
        }
    }

    /**
     * The hub calls this from one writer at a time per stream, so no lock: a lock here
     * would also hold {@link #close} behind a write stuck on a full socket.
     */
    private CompletionStage<?> write(byte[] plain, GzipStream.Cache shared) {
        if (closed || !busy.compareAndSet(false, true)) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        try {
            // The one-byte buffer (see prepare) sends it now: no separate flush() call.
            out.write(gzip == null ? plain : gzip.compress(plain, shared));
            return DONE;
        } catch (IOException | RuntimeException failed) {
            closed = true;
            return CompletableFuture.failedFuture(failed);
        } finally {
            busy.set(false);
        }
    }

    /**
     * Ends a gzip stream properly, so that the client's decoder sees a whole member, unless a
     * write is under way (it may be stuck on a full socket; the close must not wait for it).
     */
    private void finishGzip() {
        if (gzip == null || !busy.compareAndSet(false, true)) return;
        try {
            out.write(gzip.finish());
        } catch (IOException | RuntimeException clientGone) {
            // Nothing to end properly.
        }
    }

    private void clientGone() {
        if (!gone.compareAndSet(false, true)) return;
        Runnable action = onGone;
        if (action != null) action.run();
    }

    @Override
    public void close() {
        closed = true;
        if (!completed.compareAndSet(false, true)) return;
        finishGzip();
        try {
            async.complete();
        } catch (RuntimeException alreadyOver) {
            // The container ended the request first (client gone); nothing left to free.
        }
    }

    // AsyncListener: the container's view of the suspended request.

    @Override
    public void onComplete(AsyncEvent event) {
        completed.set(true);
        clientGone();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        clientGone();
    }

    @Override
    public void onError(AsyncEvent event) {
        clientGone();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Not restarted: one async cycle per stream.
    }
}
