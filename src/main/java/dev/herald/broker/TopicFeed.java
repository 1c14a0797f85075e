package dev.herald.broker;

import dev.herald.hub.Event;
import dev.herald.hub.EventId;
import dev.herald.redis.RedisConnection;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node's one reader of events: Redis pub/sub on its own connection and thread
 * ({@code herald-redis-reader}), subscribed to the channel of each topic the hub follows and
 * to no other, handing events to the broker one at a time in id order. A node reads nothing
 * of the topics it does not follow.
 *
 * <p>{@link #follow} returns once Redis confirmed the subscription: every event of the topic
 * accepted from then on reaches the broker (one Redis delivers a connection's messages in
 * the order it published them, and scripts publish in id order).
 *
 * <p>When the connection drops (Redis restarted, the network, {@code CLIENT KILL}) the feed
 * connects again, subscribes every followed topic, waits for Redis to confirm them all, and
 * has Redis publish a mark on the feed channel carrying the hub's last id (atomically, so
 * every event up to that id comes before the mark and every later one after it). On the mark
 * it delivers each topic's retained events after the last id it delivered up to the mark,
 * merged by id with what it heard before the mark, then goes live: nothing retained is lost,
 * nothing is delivered twice (an event at or before the last delivered id is dropped), and
 * an event heard after the confirmations is delivered even if volatile. Volatile events
 * published while it was away are lost; they were never kept. Retained events trimmed
 * meanwhile are a gap the broker reports as lost history.
 */
final class TopicFeed {
    private static final Logger LOG = Logger.getLogger(TopicFeed.class.getName());
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 1000;
    /** Redis says nothing to an idle subscriber: a ping this often, and the epoch looked at. */
    private static final long PING_MILLIS = 1000;
    /** No answer, not even to a ping, for this long: the connection is dead without having said so. */
    private static final long SILENCE_MILLIS = 5000;
    /** A subscription Redis has not confirmed in this long is left to the feed; the follower goes on. */
    private static final long CONFIRM_WAIT_MILLIS = 5000;

    private final RedisBroker broker;
    private final RedisKeys keys;
    private final byte[] feed;
    private final Thread thread;
    /** Guards the followed topics, the confirmations awaited and every command sent on the connection. */
    private final Object lock = new Object();
    /** Each followed topic, with word of its subscription on the current connection being confirmed. */
    private final Map<String, CompletableFuture<Void>> followed = new HashMap<>();
    /** Per channel, what each SUBSCRIBE sent and not yet confirmed does when it is, oldest first. */
    private final Map<String, Deque<Runnable>> confirming = new HashMap<>();
    /** The subscription that takes commands, once its connection's feed channel is confirmed; else null. */
    private Subscriber live;
    private volatile Jedis connection;
    private volatile long backoff = FIRST_BACKOFF_MILLIS;
    private volatile long heardNanos;

    // The reader thread's own.
    /** The last id delivered, null before the first contact. */
    private EventId position;
    /** Between a (re)connection and the end of its replay: what is heard waits in {@link #held}. */
    private boolean recovering;
    private int unconfirmed;
    /** The token of this connection's mark, once asked for; its message ends the recovery. */
    private String mark;
    private final List<RedisEntries.Heard> held = new ArrayList<>();

    TopicFeed(RedisBroker broker, RedisKeys keys) {
        this.broker = broker;
        this.keys = keys;
        this.feed = keys.feed().getBytes(StandardCharsets.UTF_8);
        // Raw: a loop blocked in SUBSCRIBE for good is no managed task, and the contract tests run it without a server.
        this.thread = new Thread(this::run, "herald-redis-reader");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Subscribes the topic's channel and returns once Redis confirmed it, or at once while Redis
     * is away (the next connection subscribes it and replays what it missed), or after
     * {@link #CONFIRM_WAIT_MILLIS} at most.
     */
    void follow(String topic) {
        CompletableFuture<Void> confirmed;
        synchronized (lock) {
            confirmed = followed.get(topic);
            if (confirmed == null) {
                var fresh = new CompletableFuture<Void>();
                confirmed = fresh;
                followed.put(topic, fresh);
                if (live != null && !send(live, topic, () -> fresh.complete(null))) return;
            }
            // Redis away: the next connection subscribes it and replays what it missed. Not
            // connected yet (start, or a moment after a drop) while Redis answers: wait for it.
            if (live == null && !broker.answers()) return;
        }
        try {
            confirmed.get(CONFIRM_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "Redis has not confirmed the subscription to " + topic + " within " + CONFIRM_WAIT_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    void unfollow(String topic) {
        synchronized (lock) {
            if (followed.remove(topic) == null || live == null) return;
            try {
                live.unsubscribe(channel(topic));
            } catch (JedisException broken) {
                // The connection is going: the next one subscribes only what is followed.
            }
        }
    }

    /** Subscribes the topic, its confirmation running {@code confirmed}; false if the connection broke. */
    private boolean send(Subscriber sub, String topic, Runnable confirmed) {
        confirming.computeIfAbsent(keys.channel(topic), c -> new ArrayDeque<>()).add(confirmed);
        try {
            sub.subscribe(channel(topic));
            return true;
        } catch (JedisException broken) {
            return false;
        }
    }

    private byte[] channel(String topic) {
        return keys.channel(topic).getBytes(StandardCharsets.UTF_8);
    }

    private void run() {
        while (!broker.isClosed()) {
            Pinger pinger = null;
            try {
                Jedis opened = broker.openReaderConnection();
                connection = opened;
                broker.ensureEpoch();
                heardNanos = System.nanoTime();
                var sub = new Subscriber();
                pinger = new Pinger(sub, opened);
                pinger.start();
                opened.subscribe(sub, keys.feed().getBytes(StandardCharsets.UTF_8)); // returns when broken
            } catch (JedisException e) {
                if (broker.isClosed()) break;
                broker.unreachable(e);
            } catch (RuntimeException e) {
                // Never let the node's only reader die: log, pause, connect again and replay from the same position.
                LOG.log(Level.SEVERE, "reading the followed topics failed", e);
            } finally {
                if (pinger != null) pinger.interrupt();
                lost();
                disconnect();
            }
            sleep(backoff);
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
        disconnect();
    }

    /** The connection is gone: nothing is confirmed on the next one until it says so. */
    private void lost() {
        synchronized (lock) {
            live = null;
            confirming.clear();
            followed.replaceAll((topic, confirmed) -> confirmed.isDone() ? new CompletableFuture<>() : confirmed);
        }
        recovering = false;
        mark = null;
        held.clear();
    }

    /** The reader thread, on the feed channel's confirmation: subscribe everything followed, then mark. */
    private void connected(Subscriber sub) {
        backoff = FIRST_BACKOFF_MILLIS;
        broker.reachable();
        recovering = true;
        synchronized (lock) {
            live = sub;
            List<String> topics = List.copyOf(followed.keySet());
            unconfirmed = topics.size();
            for (String topic : topics) {
                CompletableFuture<Void> confirmed = followed.get(topic);
                confirming.computeIfAbsent(keys.channel(topic), c -> new ArrayDeque<>()).add(() -> {
                    confirmed.complete(null);
                    if (--unconfirmed == 0) mark();
                });
            }
            if (!topics.isEmpty()) {
                byte[][] channels = topics.stream().map(this::channel).toArray(byte[][]::new);
                sub.subscribe(channels);
            }
        }
        if (unconfirmed == 0) mark();
    }

    /**
     * Once every topic followed at (re)connection is confirmed: asks Redis to publish its last id
     * on the feed channel. Whatever was accepted up to that id came before the mark (heard, if
     * accepted after the confirmations; else only retained), whatever after comes after it.
     */
    private void mark() {
        mark = Long.toString(System.nanoTime(), 36) + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        broker.mark(keys.feed(), mark);
    }

    /**
     * The reader thread, on this connection's mark, which carries the hub's last id then
     * ({@code ""}: none): each followed topic's retained events after the last delivered id up
     * to the mark, together with what was heard before the mark (volatile events too), in id
     * order, each once; then live again.
     */
    private void recover(String markedLast) {
        String epoch = broker.epoch();
        EventId from;
        if (position != null && position.epoch().equals(epoch)) {
            from = position;
        } else {
            // First contact: where the hub stood when this node adopted the epoch, so an event
            // published once the node could be ready is never skipped; a new epoch: its start.
            from = RedisEntries.id(epoch, position == null ? broker.adoptedAt() : "0-0");
        }
        List<String> topics;
        synchronized (lock) {
            topics = List.copyOf(followed.keySet());
        }
        RedisBroker.Retained retained = broker.retainedAfter(topics, from);
        if (retained.trimmed() && position != null) {
            LOG.warning(() -> "events of a followed topic were trimmed while this node could not read them");
            broker.historyLost();
        }
        EventId upTo = markedLast.isEmpty() ? null : RedisEntries.id(epoch, markedLast);
        // By id: an event both replayed and heard is delivered once, with the traceparent only its message carries.
        var merged = new TreeMap<EventId, RedisEntries.Heard>();
        int replayed = 0;
        for (Event event : retained.events()) {
            if (upTo == null || !event.id().sameEpoch(upTo) || event.id().isAfter(upTo)) continue; // comes after the mark
            merged.put(event.id(), new RedisEntries.Heard(event, null));
            replayed++;
        }
        for (RedisEntries.Heard heard : held) merged.put(heard.event().id(), heard);
        held.clear();
        recovering = false;
        mark = null;
        for (RedisEntries.Heard heard : merged.values()) offer(heard.event(), heard.traceparent());
        int count = replayed;
        if (count > 0) LOG.info(() -> "replayed " + count + " retained event(s) after " + from + " on (re)connecting");
    }

    /** Delivers an event newer than the last delivered one; an older one was delivered already (by a replay). */
    private void offer(Event event, String traceparent) {
        EventId id = event.id();
        if (position != null && position.sameEpoch(id)) {
            if (!id.isAfter(position)) return;
        } else if (!id.epoch().equals(broker.ensureEpoch())) {
            return; // of an epoch Redis no longer has
        }
        position = id;
        broker.deliver(event, traceparent);
    }

    private void disconnect() {
        Jedis c = connection;
        connection = null;
        RedisConnection.closeQuietly(c);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        thread.interrupt();
        disconnect();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Subscriber extends BinaryJedisPubSub {
        @Override
        public void onSubscribe(byte[] channel, int subscribedChannels) {
            heardNanos = System.nanoTime();
            String name = new String(channel, StandardCharsets.UTF_8);
            if (name.equals(keys.feed())) {
                connected(this);
                return;
            }
            Runnable confirmed;
            synchronized (lock) {
                Deque<Runnable> waiting = confirming.get(name);
                confirmed = waiting == null ? null : waiting.poll();
                if (waiting != null && waiting.isEmpty()) confirming.remove(name);
            }
            if (confirmed != null) confirmed.run();
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            heardNanos = System.nanoTime();
            if (Arrays.equals(channel, feed)) {
                String text = new String(message, StandardCharsets.UTF_8);
                int space = text.indexOf(' ');
                // Every node's marks come by on the feed channel: only this connection's ends its recovery.
                if (recovering && mark != null && space > 0 && text.substring(0, space).equals(mark)) recover(text.substring(space + 1));
                return;
            }
            RedisEntries.Heard heard;
            try {
                heard = RedisEntries.heard(message);
            } catch (RuntimeException malformed) {
                LOG.severe(() -> "skipping a malformed message on " + new String(channel, StandardCharsets.UTF_8) + ": " + malformed);
                return;
            }
            if (recovering) {
                held.add(heard);
            } else {
                offer(heard.event(), heard.traceparent());
            }
        }

        @Override
        public void onUnsubscribe(byte[] channel, int subscribedChannels) {
            heardNanos = System.nanoTime();
        }

        @Override
        public void onPong(byte[] pattern) {
            heardNanos = System.nanoTime();
        }
    }

    /**
     * Pings the subscription and looks at the epoch now and then: a flush is noticed while
     * nobody publishes, and a connection that stopped answering is closed, which ends the
     * subscribe call so the feed connects again.
     */
    private final class Pinger extends Thread {
        private final Subscriber sub;
        private final Jedis connection;

        Pinger(Subscriber sub, Jedis connection) {
            super("herald-redis-reader-ping");
            setDaemon(true);
            this.sub = sub;
            this.connection = connection;
        }

        @Override
        public void run() {
            while (!isInterrupted() && !broker.isClosed()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(PING_MILLIS);
                    synchronized (lock) {
                        if (live == sub) sub.ping();
                    }
                    if (System.nanoTime() - heardNanos > TimeUnit.MILLISECONDS.toNanos(SILENCE_MILLIS)) {
                        LOG.warning(() -> "the subscriber connection has not answered for " + SILENCE_MILLIS + " ms: connecting again");
                        RedisConnection.closeQuietly(connection);
                        return;
                    }
                    broker.ensureEpoch();
                } catch (InterruptedException e) {
                    return;
                } catch (JedisException e) {
                    // A dead connection also breaks the subscribe call, which connects again.
                    broker.unreachable(e);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "pinging the subscriber connection failed", e);
                }
            }
        }
    }
}
