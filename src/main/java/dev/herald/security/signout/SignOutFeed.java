package dev.herald.security.signout;

import dev.herald.redis.RedisConnection;
import dev.herald.security.streams.ClusterStreams;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears every node's sign-outs (Redis pub/sub on its own connection and thread,
 * {@code herald-signouts}) and ends this node's streams of those tokens at once; on the same
 * connection, every node's stream renewals ({@link ClusterStreams}), which the node holding
 * the stream takes. A renewal missed while not subscribed is lost: the stream expires, as it
 * would have without one, unless the client renews again. A sign-out message
 * sent while this node was not subscribed is lost, so on every (re)subscription the feed asks
 * Redis about each token this node's streams hold: a sign-out during an outage still ends
 * them as soon as Redis answers again.
 */
public final class SignOutFeed implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SignOutFeed.class.getName());
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 1000;
    /** Redis says nothing to an idle subscriber; a ping this often finds a dead connection. */
    private static final long PING_MILLIS = 5000;

    private final RedisConnection connection;
    private final RedisRevokedTokens revoked;
    private final Consumer<String> endStreams;
    private final Supplier<Collection<String>> heldTokens;
    private final ClusterStreams streams;
    private final Consumer<ClusterStreams.Heard> renewals;
    private final Thread thread;
    private volatile Jedis jedis;
    private volatile Subscriber subscriber;
    private volatile boolean closed;
    /** Grows while Redis cannot be reached; back to the start once subscribed. */
    private volatile long backoff = FIRST_BACKOFF_MILLIS;

    /**
     * @param endStreams ends this node's streams of a signed-out token id
     * @param heldTokens the token ids this node's open streams hold
     * @param renewals   renews one of this node's streams, if it holds it
     */
    public SignOutFeed(RedisConnection connection, RedisRevokedTokens revoked, Consumer<String> endStreams,
                       Supplier<Collection<String>> heldTokens, ClusterStreams streams, Consumer<ClusterStreams.Heard> renewals) {
        this.connection = connection;
        this.revoked = revoked;
        this.endStreams = endStreams;
        this.heldTokens = heldTokens;
        this.streams = streams;
        this.renewals = renewals;
        // Raw: a loop blocked in SUBSCRIBE for good is no managed task, and the tests run it without a server.
        this.thread = new Thread(this::run, "herald-signouts");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                jedis = connection.open();
                subscriber = new Subscriber();
                Pinger pinger = new Pinger(subscriber);
                pinger.start();
                try {
                    jedis.subscribe(subscriber, revoked.channel(), streams.channel()); // returns when unsubscribed or broken
                } finally {
                    pinger.interrupt();
                }
            } catch (JedisException e) {
                if (closed) break;
                if (backoff == FIRST_BACKOFF_MILLIS) LOG.warning(() -> "sign-outs of other nodes are not heard until Redis answers: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the sign-out feed failed", e);
            } finally {
                disconnect();
            }
            sleep(backoff);
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    /** Whatever was missed while not subscribed: every held token still signed in is asked about. */
    private void recheck() {
        int ended = 0;
        for (String tokenId : heldTokens.get()) {
            if (revoked.isRevoked(tokenId)) {
                endStreams.accept(tokenId);
                ended++;
            }
        }
        if (ended > 0) LOG.info("ended the streams of " + ended + " token(s) signed out while this node could not hear it");
    }

    private final class Subscriber extends JedisPubSub {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (!channel.equals(revoked.channel())) return;
            backoff = FIRST_BACKOFF_MILLIS;
            recheck();
        }

        @Override
        public void onMessage(String channel, String message) {
            if (channel.equals(streams.channel())) {
                ClusterStreams.Heard renewal = ClusterStreams.heard(message);
                if (renewal != null) renewals.accept(renewal);
                return;
            }
            String tokenId = revoked.heard(message);
            if (tokenId != null) endStreams.accept(tokenId);
        }
    }

    /** Pings the subscription now and then; a write to a dead connection breaks the subscribe call. */
    private final class Pinger extends Thread {
        private final Subscriber sub;

        Pinger(Subscriber sub) {
            super("herald-signouts-ping");
            setDaemon(true);
            this.sub = sub;
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(PING_MILLIS);
                    if (sub.isSubscribed()) sub.ping();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException broken) {
                    disconnect();
                    return;
                }
            }
        }
    }

    private void disconnect() {
        Jedis j = jedis;
        jedis = null;
        RedisConnection.closeQuietly(j);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Subscriber s = subscriber;
        try {
            if (s != null && s.isSubscribed()) s.unsubscribe();
        } catch (RuntimeException ignored) {
            // the connection is going anyway
        }
        disconnect();
        thread.interrupt();
    }
}
