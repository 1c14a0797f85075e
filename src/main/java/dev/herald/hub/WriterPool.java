package dev.herald.hub;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * What writes streams: a virtual thread per write. A write can block: Liberty's output
 * stream sends synchronously and, once a client's socket is full, waits up to the
 * endpoint's write timeout for a client that stopped reading. A virtual thread waiting
 * there gives its carrier back, so a stuck client holds no platform thread and the
 * streams that keep up always get written.
 *
 * <p>It replaced a few platform threads and a watchdog that added one for each write
 * stuck longer than 10 ms: measured side by side (BENCHMARKS.md, "Virtual threads for the
 * writers"), the same CPU per delivery and p99 at everyday load and a lower readers' p99
 * with a hundred stalled clients, with none of that code.
 */
final class WriterPool implements Executor, AutoCloseable {
    private final ThreadFactory threads;
    private volatile boolean closed;

    WriterPool(String name) {
        this.threads = Thread.ofVirtual().name(name).factory();
    }

    @Override
    public void execute(Runnable task) {
        if (closed) throw new RejectedExecutionException("the hub is closed");
        threads.newThread(task).start();
    }

    @Override
    public void close() {
        closed = true;
    }
}
