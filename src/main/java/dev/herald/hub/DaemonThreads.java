package dev.herald.hub;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for Herald's own threads: named, so a thread dump says whose they
 * are, and daemons, so none of them keeps a stopping server alive.
 *
 * <p>Raw, not Liberty's managed threads, for the hub and the brokers: they are plain Java
 * that unit tests, the store contract tests and an embedding run without a container;
 * their loops are the stream path, which a managed task's context switch per task would
 * slow; and the hub's owner starts and stops them with the hub. Beans' own timers take
 * managed threads ({@code dev.herald.boot.ManagedThreads}).
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Every thread called {@code name}: for single-thread executors. */
    public static ThreadFactory named(String name) {
        return r -> daemon(r, name);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}, …: for pools. */
    public static ThreadFactory numbered(String prefix) {
        var n = new AtomicInteger();
        return r -> daemon(r, prefix + "-" + n.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
