package dev.herald.broker;

import dev.herald.hub.Event;
import dev.herald.redis.RedisConnection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node's one reader of the hub stream: a blocking XREAD on its own connection and
 * thread, handing every event to the broker in stream order. Subscribers never read
 * Redis. When Redis goes away it keeps its position and resumes from there; when Redis
 * comes back with a new epoch (history lost) it follows the new stream from its start.
 */
final class StreamReader {
    private static final Logger LOG = Logger.getLogger(StreamReader.class.getName());
    private static final int BATCH = 500;
    private static final int BLOCK_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 1000;

    private final RedisBroker broker;
    private final String stream;
    private final Thread thread;
    private volatile Jedis connection;
    /** The epoch of {@link #position}: null before the first successful contact. */
    private String epoch;
    private StreamEntryID position;

    /** Starts where the hub stood when the broker first adopted an epoch. */
    StreamReader(RedisBroker broker, String stream) {
        this.broker = broker;
        this.stream = stream;
        // Raw: a loop blocked in XREAD for good is no managed task, and the contract tests run it without a server.
        this.thread = new Thread(this::run, "herald-redis-reader");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long backoff = 50;
        while (!broker.isClosed()) {
            try {
                if (connection == null) {
                    connection = broker.openReaderConnection();
                    broker.ensureEpoch();
                }
                follow(broker.epoch());
                List<Map.Entry<String, List<StreamEntry>>> batch = connection.xread(
                        XReadParams.xReadParams().count(BATCH).block(BLOCK_MILLIS), Map.of(stream, position));
                broker.reachable();
                backoff = 50;
                if (batch == null || batch.isEmpty()) {
                    // Quiet: look for a history lost while nobody published (a flush).
                    broker.ensureEpoch();
                    continue;
                }
                for (StreamEntry entry : batch.get(0).getValue()) {
                    String entryEpoch = entry.getFields().get("e");
                    // An entry of another epoch: Redis lost its history under us; follow the new one.
                    if (!epoch.equals(entryEpoch) && !epoch.equals(broker.ensureEpoch())) break;
                    position = entry.getID();
                    if (epoch.equals(entryEpoch)) deliver(entry);
                }
            } catch (JedisException e) {
                if (broker.isClosed()) break;
                broker.unreachable(e);
                disconnect();
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } catch (RuntimeException e) {
                // Never let the node's only reader die: log, pause, go on from the same position.
                LOG.log(Level.SEVERE, "reading the hub stream failed", e);
                sleep(MAX_BACKOFF_MILLIS);
            }
        }
        disconnect();
    }

    private void deliver(StreamEntry entry) {
        Event event;
        try {
            event = RedisEntries.event(entry.getID().toString(), entry.getFields());
        } catch (RuntimeException malformed) {
            LOG.severe(() -> "skipping malformed entry " + entry.getID() + ": " + malformed);
            return;
        }
        broker.deliver(event, RedisEntries.traceparent(entry.getFields()));
    }

    /** Starts following an epoch: from its adoption at first contact, from its beginning when it replaced ours. */
    private void follow(String current) {
        if (current.equals(epoch)) return;
        position = epoch == null ? new StreamEntryID(broker.adoptedAt()) : new StreamEntryID(0, 0);
        if (epoch != null) LOG.info(() -> "following the new epoch " + current + " from its start");
        epoch = current;
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
}
