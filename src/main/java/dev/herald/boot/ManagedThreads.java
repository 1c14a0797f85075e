package dev.herald.boot;

import dev.herald.hub.DaemonThreads;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

import java.util.concurrent.ThreadFactory;

/**
 * Threads for a bean's own timer, from Liberty's {@link ManagedThreadFactory}: the server
 * knows them and they run with the application's context, yet each stays a dedicated
 * thread, so a timer fires on time however busy the shared request pool is (tasks of a
 * {@code ManagedScheduledExecutorService} run on that pool). A unit test builds the bean
 * without a container, hence without a factory: it gets a plain daemon thread.
 */
public final class ManagedThreads {
    /** The server's default factory, for {@code @Resource(lookup = ManagedThreads.FACTORY)}. */
    public static final String FACTORY = "java:comp/DefaultManagedThreadFactory";
    /** The server's default scheduler, for periodic work that may wait behind requests. */
    public static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    private ManagedThreads() {
    }

    /** Threads from {@code factory} called {@code name}, so a thread dump still says whose they are. */
    public static ThreadFactory named(ManagedThreadFactory factory, String name) {
        if (factory == null) return DaemonThreads.named(name);
        return r -> {
            Thread t = factory.newThread(r);
            t.setName(name);
            return t;
        };
    }
}
