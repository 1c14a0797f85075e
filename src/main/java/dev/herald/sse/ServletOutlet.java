package dev.herald.sse;

import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A subscription's way out through a suspended servlet response, written in the
 * servlet's non-blocking mode: a frame written while the stream is not ready is
 * parked, and the stage {@link #send} returned completes from {@link #onWritePossible}.
 * The hub sends one frame at a time (it waits for the stage), so at most one is parked.
 * Liberty still blocks inside a write once a client's socket is full (a synchronous
 * send, bounded by the endpoint's write timeout): the hub's writer pool makes up for
 * each write stuck that way with another thread.
 *
 * <p>The stream ends on the first sign the client left: a failed write, or the
 * container's async error or completion. Liberty reports a client that closed an
 * idle stream by neither (nor through a {@code ReadListener}: a GET has no body,
 * so no read is pending to fail); the next write, at the latest a heartbeat's,
 * finds it.
 */
final class ServletOutlet implements Outlet, WriteListener, AsyncListener {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final AsyncContext async;
    private final ServletOutputStream out;
    /** {@code ?events=unnamed}: see {@link SseWire}. */
    private final boolean unnamedEvents;
    private final AtomicBoolean completed = new AtomicBoolean();
    private final AtomicBoolean gone = new AtomicBoolean();
    private volatile Runnable onGone;

    // Guarded by this.
    private byte[] parked;
    private CompletableFuture<Void> waiting;
    private boolean closed;
    /** Set when the container calls back into us on our own thread, from inside a write. */
    private boolean stepping;
    private boolean wokenWhileStepping;

    ServletOutlet(AsyncContext async, boolean unnamedEvents) throws IOException {
        this.async = async;
        this.unnamedEvents = unnamedEvents;
        this.out = async.getResponse().getOutputStream();
    }

    /**
     * Readies a response before its headers are sent: a buffer of one byte, so every
     * frame goes out as it is written, without a flush() per frame.
     */
    static void prepare(HttpServletResponse response) {
        response.setBufferSize(1);
    }

    /** Switches the response to non-blocking writes; call before the first frame is sent. */
    void start() {
        async.addListener(this);
        out.setWriteListener(this);
    }

    /** What to do once the client is gone; runs at once if it already is. */
    void whenGone(Runnable action) {
        onGone = action;
        if (gone.get()) action.run();
    }

    @Override
    public CompletionStage<?> send(Frame frame) {
        return write(SseWire.encode(frame, unnamedEvents));
    }

    /** Several queued frames in one write: one trip through the container and one send for all. */
    @Override
    public CompletionStage<?> sendAll(List<Frame> frames) {
        return write(SseWire.encode(frames, unnamedEvents));
    }

    private CompletionStage<?> write(byte[] bytes) {
        synchronized (this) {
            if (closed) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
            if (waiting != null) return CompletableFuture.failedFuture(new IllegalStateException("a frame is already parked"));
            parked = bytes;
            try {
                if (progress()) return DONE;
            } catch (IOException | RuntimeException failed) {
                closed = true;
                return CompletableFuture.failedFuture(failed);
            }
            waiting = new CompletableFuture<>();
            return waiting;
        }
    }

    /** Writes what is parked as far as the socket allows; true once all of it is out. */
    private boolean progress() throws IOException {
        stepping = true;
        try {
            while (true) {
                wokenWhileStepping = false;
                if (step()) return true;
                if (!wokenWhileStepping) return false;
            }
        } finally {
            stepping = false;
        }
    }

    private boolean step() throws IOException {
        if (!out.isReady()) return false;
        if (parked != null) {
            byte[] b = parked;
            parked = null;
            // The one-byte buffer (see prepare) sends it now: no separate flush() call.
            out.write(b);
        }
        return out.isReady();
    }

    @Override
    public void onWritePossible() {
        CompletableFuture<Void> done = null;
        Throwable failure = null;
        synchronized (this) {
            if (stepping) {
                wokenWhileStepping = true;
                return;
            }
            if (waiting == null) return;
            try {
                if (progress()) {
                    done = waiting;
                    waiting = null;
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        if (done != null) done.complete(null);
        if (failure != null) onError(failure);
    }

    /** A write failed or the client left mid-write; may be called more than once. */
    @Override
    public void onError(Throwable error) {
        CompletableFuture<Void> pending;
        synchronized (this) {
            closed = true;
            pending = waiting;
            waiting = null;
        }
        if (pending != null) pending.completeExceptionally(error);
        clientGone();
    }

    private void clientGone() {
        if (!gone.compareAndSet(false, true)) return;
        Runnable action = onGone;
        if (action != null) action.run();
    }

    @Override
    public void close() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            closed = true;
            pending = waiting;
            waiting = null;
        }
        if (pending != null) pending.completeExceptionally(new IllegalStateException("closed"));
        if (!completed.compareAndSet(false, true)) return;
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
