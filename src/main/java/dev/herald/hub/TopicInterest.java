package dev.herald.hub;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The topics this node's streams hold, told to the {@link Broker}: a topic's first stream
 * follows it, waiting until the broker hands on every event of it from then on; the last one
 * leaving unfollows it after a linger, so a client that reconnects at once (or a page that
 * reloads) does not make the broker drop and take up the topic again.
 *
 * <p>An unfollow is decided and told under this object's lock, a stream's hold counted under
 * it before its follow: so a follow always reaches the broker after any unfollow it races.
 */
final class TopicInterest implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TopicInterest.class.getName());

    private final Broker broker;
    private final long lingerMillis;
    /** Streams holding each topic; a topic with none is absent (and unfollowed, or about to be). */
    private final Map<String, Integer> holders = new HashMap<>();
    private final ScheduledExecutorService lingering = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("herald-interest"));

    TopicInterest(Broker broker, Duration linger) {
        this.broker = broker;
        this.lingerMillis = linger.toMillis();
    }

    /** A stream of these topics opens: returns once the broker follows each of them. */
    void hold(Collection<String> topics) {
        for (String topic : topics) {
            synchronized (this) {
                holders.merge(topic, 1, Integer::sum);
            }
            // Outside the lock: it waits for the broker, and following a followed topic is no-op
            // that waits only for a confirmation still under way.
            broker.follow(topic);
        }
    }

    /** A stream of these topics ended. */
    void release(Collection<String> topics) {
        for (String topic : topics) {
            synchronized (this) {
                Integer left = holders.computeIfPresent(topic, (t, n) -> n > 1 ? n - 1 : null);
                if (left != null) continue;
            }
            if (lingerMillis <= 0) {
                unfollowIfUnheld(topic);
                continue;
            }
            try {
                lingering.schedule(() -> unfollowIfUnheld(topic), lingerMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // The hub is closing, and the broker with it.
            }
        }
    }

    private synchronized void unfollowIfUnheld(String topic) {
        if (holders.containsKey(topic)) return;
        try {
            broker.unfollow(topic);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unfollowing " + topic + " failed", e);
        }
    }

    /** The topics held now, for tests and operations. */
    synchronized int held() {
        return holders.size();
    }

    @Override
    public void close() {
        lingering.shutdownNow();
    }
}
