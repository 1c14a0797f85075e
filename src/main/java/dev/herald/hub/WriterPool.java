package dev.herald.hub;

import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The threads that write streams. A write can block: Liberty's non-blocking
 * {@code ServletOutputStream} still sends synchronously once its buffer is full and
 * waits, up to the endpoint's write timeout, for a client that stopped reading. So a
 * watchdog counts writes waiting longer than {@link #STUCK_MILLIS} and adds a thread for
 * each, up to {@link #MAX_THREADS}; the streams that keep up always have writers, and
 * the extra threads go when the stuck writes end (the client reads again, or the
 * timeout drops it).
 */
final class WriterPool implements Executor, AutoCloseable {
    /**
     * Short, because until the watchdog sees a stuck write its thread is lost to everybody:
     * when a hundred clients stop reading at once, each costs about this long of one writer.
     */
    static final long STUCK_MILLIS = 10;
    /** Enough for hundreds of stuck clients at once; each waits out at most the write timeout. */
    static final int MAX_THREADS = 512;

    private final ThreadPoolExecutor pool;
    private final int base;
    private final ScheduledExecutorService watchdog;

    WriterPool(int threads, ThreadFactory factory, Supplier<Collection<Subscription>> streams) {
        this.base = threads;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("herald-writer-watchdog"));
        long stuckNanos = TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS);
        watchdog.scheduleWithFixedDelay(() -> {
            // A writer is idle and none was added: nothing can be waiting for one, so no scan
            // (an idle server with thousands of streams pays nothing every 10 ms).
            if (pool.getCorePoolSize() == base && pool.getActiveCount() < base) return;
            long now = System.nanoTime();
            int stuck = 0;
            for (Subscription s : streams.get()) if (s.stuckLongerThan(now, stuckNanos)) stuck++;
            resize(stuck);
        }, STUCK_MILLIS, STUCK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    private void resize(int stuck) {
        int want = Math.min(MAX_THREADS, base + stuck);
        int have = pool.getCorePoolSize();
        // Core never above maximum: grow the maximum first, shrink it last.
        if (want > have) {
            pool.setMaximumPoolSize(want);
            pool.setCorePoolSize(want);
        } else if (want < have) {
            pool.setCorePoolSize(want);
            pool.setMaximumPoolSize(want);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdown();
    }
}
