package dev.herald.hub;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One timer for every stream: each tick offers a heartbeat to the streams whose
 * heartbeat is due. A heartbeat that cannot be written
 * ends its subscription, which is how dead clients are found.
 */
final class HeartbeatScheduler implements AutoCloseable {
    private final ScheduledExecutorService timer;

    HeartbeatScheduler(Supplier<Collection<Subscription>> subscriptions, Duration interval) {
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("herald-heartbeat"));
        long intervalNanos = interval.toNanos();
        long tickMillis = Math.max(50, Math.min(1000, interval.toMillis() / 4));
        timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (Subscription s : subscriptions.get()) s.heartbeatIfDue(now, intervalNanos);
        }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
