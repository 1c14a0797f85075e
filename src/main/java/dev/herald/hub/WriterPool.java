package dev.herald.hub;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write streams. A write can block: Liberty's output stream sends
 * synchronously and, once a client's socket is full, waits up to the endpoint's write
 * timeout for a client that stopped reading. So a watchdog counts writes waiting longer
 * than {@link #STUCK_MILLIS} and adds a thread for each, up to {@link #MAX_THREADS}; the
 * streams that keep up always have writers, and the extra threads go when the stuck
 * writes end (the client reads again, or the timeout drops it).
 *
 * <p>Each writer thread says when its current write began ({@link #writing}), so the
 * watchdog looks at the few writer threads, not at every stream, and a stream holds no
 * note of which thread wrote it last.
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
    private final Set<Writer> threads = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    WriterPool(int threads, String prefix) {
        this.base = threads;
        var n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new Writer(r, prefix + "-" + n.incrementAndGet()));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(prefix + "-watchdog"));
        long stuckNanos = TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS);
        watchdog.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            int stuck = 0;
            for (Writer w : this.threads) if (w.stuckLongerThan(now, stuckNanos)) stuck++;
            resize(stuck);
        }, STUCK_MILLIS, STUCK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /**
     * Marks the start ({@code true}) or end of a write on the calling thread; a no-op on
     * any thread that is not one of this pool's.
     */
    void writing(boolean started) {
        if (Thread.currentThread() instanceof Writer w && w.pool() == this) w.since = started ? System.nanoTime() : 0;
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

    /** A writer thread, which knows since when its write in progress has been running. */
    private final class Writer extends Thread {
        /** When the write in progress began, or 0. */
        volatile long since;

        Writer(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }

        WriterPool pool() {
            return WriterPool.this;
        }

        @Override
        public void run() {
            threads.add(this);
            try {
                super.run();
            } finally {
                threads.remove(this);
            }
        }

        /**
         * Whether its write has been blocked in the container for longer than {@code nanos}:
         * waiting, not merely slow or preempted, which on a busy machine a running write can
         * be for as long.
         */
        boolean stuckLongerThan(long now, long nanos) {
            long began = since;
            if (began == 0 || now - began <= nanos) return false;
            State state = getState();
            return state == State.WAITING || state == State.TIMED_WAITING || state == State.BLOCKED;
        }
    }
}
