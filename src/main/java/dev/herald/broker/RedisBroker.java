package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.BrokerListener;
import dev.herald.hub.BrokerUnavailableException;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventId;
import dev.herald.hub.Replay;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.redis.LuaScript;
import dev.herald.redis.RedisConnection;
import dev.herald.redis.RedisSettings;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Many nodes, one hub, over Redis. A script gives each event its id in one hub-wide order
 * ({@code ms-seq} behind the hub's epoch, the {@code last} key), keeps it for replay in its
 * topic's stream (trimmed exactly to the topic's count and age, which is what
 * {@link #readAfter} reads) and publishes it on its topic's channel, all in one atomic step.
 * Each node's single {@link TopicFeed} subscribes the channels of the topics the hub follows,
 * and only those, and hands their events to the hub in id order.
 *
 * <p>The epoch is a random token kept in Redis ({@code SET NX}): a flushed or restarted
 * Redis without persistence gets a new one, so ids from the lost history are a gap
 * ({@code reset}), never a wrong replay, and open streams are told so.
 */
public final class RedisBroker implements Broker {
    private static final Logger LOG = Logger.getLogger(RedisBroker.class.getName());
    private static final LuaScript PUBLISH = LuaScript.load(RedisBroker.class, "trim.lua", "accept.lua", "publish.lua");
    private static final LuaScript PUBLISH_BATCH = LuaScript.load(RedisBroker.class, "trim.lua", "accept.lua", "publish-batch.lua");
    /** Topics per read.lua call when the feed replays every followed topic: each call holds Redis alone. */
    private static final int READ_TOPICS = 100;
    private static final LuaScript MARK = LuaScript.load(RedisBroker.class, "mark.lua");
    private static final LuaScript READ = LuaScript.load(RedisBroker.class, "trim.lua", "read.lua");

    private final RedisKeys keys;
    private final RetentionRules rules;
    private final Clock clock;
    private final RedisConnection connection;
    private final boolean ownsConnection;
    private final HostAndPort address;
    private final RedisClient redis;
    private final TopicFeed reader;
    private volatile BrokerListener listener = e -> { };
    /** Null until Redis has been reached once. */
    private volatile String epoch;
    private EventId last;
    private String adoptedAt;
    private volatile boolean reachable;
    private volatile boolean closed;

    /** A broker with its own connections, closed with it. */
    public RedisBroker(RedisSettings settings, RetentionRules rules, Clock clock) {
        this(new RedisConnection(settings), true, rules, clock);
    }

    /** A broker on a node's shared connections, which outlive it. */
    public RedisBroker(RedisConnection connection, RetentionRules rules, Clock clock) {
        this(connection, false, rules, clock);
    }

    private RedisBroker(RedisConnection connection, boolean ownsConnection, RetentionRules rules, Clock clock) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.keys = new RedisKeys(connection.prefix());
        this.rules = rules;
        this.clock = clock;
        this.address = connection.address();
        this.redis = connection.client();
        try {
            ensureEpoch();
            reachable = true;
        } catch (JedisException e) {
            LOG.warning(() -> "Redis at " + address + " is unreachable (" + e.getMessage() + "); not ready until it answers");
        }
        this.reader = new TopicFeed(this, keys);
        reader.start();
    }

    @Override
    public Event publish(EventDraft draft) {
        Objects.requireNonNull(draft);
        if (closed) throw new IllegalStateException("broker closed");
        String topic = draft.topic();
        RetentionPolicy policy = rules.forTopic(topic);
        boolean keep = draft.retained() && !policy.conflated();
        for (int attempt = 0; ; attempt++) {
            try {
                // A retry is only ever for a changed epoch: look it up again.
                String current = epoch != null && attempt == 0 ? epoch : ensureEpoch();
                long now = clock.millis();
                Object id = PUBLISH.run(redis,
                        List.of(keys.epoch(), keys.last(), keys.topic(topic), keys.dropped(topic)),
                        List.of(current, Long.toString(now), topic, draft.type(), draft.data(),
                                draft.audience() == null ? "" : draft.audience(), keep ? "1" : "0",
                                Integer.toString(policy.count()), minId(now, policy), keys.channels(),
                                traceparent(draft)));
                reachable = true;
                Event event = new Event(RedisEntries.id(current, RedisEntries.text(id)), topic, draft.type(), now,
                        draft.data(), draft.audience());
                advance(event.id());
                return event;
            } catch (JedisDataException e) {
                // Redis lost its history (flush, restart without persistence) since we last looked:
                // adopt its new epoch once and publish there; the old ids are gone with it.
                if (attempt == 0 && String.valueOf(e.getMessage()).startsWith("HERALDEPOCH")) continue;
                throw new BrokerUnavailableException("Redis refused the event: " + e.getMessage(), e);
            } catch (JedisException e) {
                unreachable(e);
                throw new BrokerUnavailableException("the event store (Redis) is unreachable or busy", e);
            }
        }
    }

    /** The batch in one script: no other publish comes between its events, and they share one epoch check. */
    @Override
    public List<Event> publishAll(List<EventDraft> drafts) {
        if (closed) throw new IllegalStateException("broker closed");
        if (drafts.isEmpty()) return List.of();
        for (int attempt = 0; ; attempt++) {
            try {
                String current = epoch != null && attempt == 0 ? epoch : ensureEpoch();
                long now = clock.millis();
                List<String> keyList = new ArrayList<>(2 + 2 * drafts.size());
                keyList.addAll(List.of(keys.epoch(), keys.last()));
                List<String> args = new ArrayList<>(3 + 8 * drafts.size());
                args.addAll(List.of(current, Long.toString(now), keys.channels()));
                for (EventDraft draft : drafts) {
                    RetentionPolicy policy = rules.forTopic(draft.topic());
                    boolean keep = draft.retained() && !policy.conflated();
                    keyList.add(keys.topic(draft.topic()));
                    keyList.add(keys.dropped(draft.topic()));
                    args.addAll(List.of(draft.topic(), draft.type(), draft.data(), draft.audience() == null ? "" : draft.audience(),
                            keep ? "1" : "0", Integer.toString(policy.count()), minId(now, policy), traceparent(draft)));
                }
                List<?> ids = (List<?>) PUBLISH_BATCH.run(redis, keyList, args);
                reachable = true;
                List<Event> events = new ArrayList<>(drafts.size());
                for (int i = 0; i < drafts.size(); i++) {
                    EventDraft draft = drafts.get(i);
                    events.add(new Event(RedisEntries.id(current, RedisEntries.text(ids.get(i))), draft.topic(), draft.type(), now,
                            draft.data(), draft.audience()));
                }
                advance(events.get(events.size() - 1).id());
                return events;
            } catch (JedisDataException e) {
                if (attempt == 0 && String.valueOf(e.getMessage()).startsWith("HERALDEPOCH")) continue;
                throw new BrokerUnavailableException("Redis refused the events: " + e.getMessage(), e);
            } catch (JedisException e) {
                unreachable(e);
                throw new BrokerUnavailableException("the event store (Redis) is unreachable or busy", e);
            }
        }
    }

    /** Events older than this are trimmed: "ms-0", or "0-0" for none. */
    private static String minId(long now, RetentionPolicy policy) {
        return Math.max(0, now - policy.age().toMillis()) + "-0";
    }

    @Override
    public Replay readAfter(Collection<String> topics, EventId after) {
        List<String> replayable = replayable(topics);
        ReadOut out;
        try {
            out = read(replayable, after);
        } catch (JedisException e) {
            unreachable(e);
            // The stream stays open and goes live when Redis is back; its resume point is lost.
            return new Replay.Gap("unavailable", null);
        }
        if (out.epoch().isEmpty()) return new Replay.Gap("epoch", null);
        if (!after.epoch().equals(out.epoch())) return new Replay.Gap("epoch", out.earliest());
        // 0-0 is before the first event: a shard's position before it had any (ShardedBroker).
        boolean beforeAll = after.millis() == 0 && after.sequence() == 0;
        if (out.last().isEmpty() ? !beforeAll : after.isAfter(RedisEntries.id(out.epoch(), out.last()))) {
            return new Replay.Gap("unknown", out.earliest());
        }
        if (out.trimmed()) return new Replay.Gap("stale", out.earliest());
        return new Replay.Events(out.events());
    }

    /** Whether any of the topics is ever replayed (a topic kept as latest is not). */
    boolean replays(Collection<String> topics) {
        for (String topic : topics) if (!rules.forTopic(topic).conflated()) return true;
        return false;
    }

    private List<String> replayable(Collection<String> topics) {
        List<String> replayable = new ArrayList<>();
        for (String topic : new LinkedHashSet<>(topics)) {
            if (!rules.forTopic(topic).conflated()) replayable.add(topic);
        }
        return replayable;
    }

    /**
     * What the topics retained after {@code after}, in id order, and whether any of them
     * trimmed an event after it (those are lost). For the feed's replay on (re)connecting.
     */
    record Retained(List<Event> events, boolean trimmed) {
    }

    /** Every followed topic's retained events after {@code after}, read a bounded number of topics at a time. */
    Retained retainedAfter(Collection<String> topics, EventId after) {
        List<String> replayable = replayable(topics);
        var events = new ArrayList<Event>();
        boolean trimmed = false;
        for (int from = 0; from < replayable.size(); from += READ_TOPICS) {
            ReadOut out = read(replayable.subList(from, Math.min(replayable.size(), from + READ_TOPICS)), after);
            if (!out.epoch().equals(after.epoch())) return new Retained(List.of(), false); // another epoch: the feed sees it
            events.addAll(out.events());
            trimmed |= out.trimmed();
        }
        events.sort(Comparator.comparing(Event::id));
        return new Retained(events, trimmed);
    }

    /** One read.lua answer: Redis's epoch and last id ("" for none), the events after the id in id order. */
    private record ReadOut(String epoch, String last, EventId earliest, boolean trimmed, List<Event> events) {
    }

    private ReadOut read(List<String> replayable, EventId after) {
        long now = clock.millis();
        var keyList = new ArrayList<>(List.of(keys.epoch(), keys.last()));
        var args = new ArrayList<>(List.of(RedisEntries.streamId(after)));
        for (String topic : replayable) {
            RetentionPolicy policy = rules.forTopic(topic);
            keyList.add(keys.topic(topic));
            keyList.add(keys.dropped(topic));
            args.add(Integer.toString(policy.count()));
            args.add(minId(now, policy));
        }
        List<?> out = (List<?>) READ.run(redis, keyList, args);
        String redisEpoch = RedisEntries.text(out.get(0));
        if (redisEpoch.isEmpty()) return new ReadOut("", "", null, false, List.of());
        String lastText = RedisEntries.text(out.get(1));
        EventId earliest = null;
        boolean stale = false;
        var found = new ArrayList<Event>();
        for (int i = 0; i < replayable.size(); i++) {
            String dropped = RedisEntries.text(out.get(2 + 3 * i));
            String first = RedisEntries.text(out.get(3 + 3 * i));
            if (!first.isEmpty()) {
                EventId firstId = RedisEntries.id(redisEpoch, first);
                if (earliest == null || firstId.compareTo(earliest) < 0) earliest = firstId;
            }
            if (!dropped.isEmpty() && RedisEntries.id(redisEpoch, dropped).isAfter(after)) stale = true;
            for (Object entry : (List<?>) out.get(4 + 3 * i)) found.add(RedisEntries.event(entry));
        }
        if (replayable.size() > 1) found.sort(Comparator.comparing(Event::id));
        return new ReadOut(redisEpoch, lastText, earliest, stale, List.copyOf(found));
    }

    @Override
    public void subscribe(BrokerListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * The hub's newest id, read from Redis: this node reads only the topics it follows, so what
     * it saw itself says nothing of the others. This node's own view while Redis is away. Asked
     * even while this node counts Redis as unreachable: that may be only its subscriber
     * connection dropping, and a stream opening meanwhile needs the true admission point, so
     * that its replay covers what the reconnect's replay does not.
     */
    @Override
    public EventId lastId() {
        String current = epoch;
        if (current == null || closed) return localLast();
        try {
            List<String> both = redis.mget(keys.epoch(), keys.last());
            reachable();
            if (!current.equals(both.get(0))) {
                ensureEpoch(); // history lost: adopt the new epoch, which reads its last id
                return localLast();
            }
            if (both.get(1) == null) return null;
            EventId id = RedisEntries.id(current, both.get(1));
            advance(id);
            return id;
        } catch (JedisException e) {
            unreachable(e);
            return localLast();
        }
    }

    private synchronized EventId localLast() {
        return last;
    }

    /** The newest id this node knows of, without asking Redis. */
    EventId knownLastId() {
        return localLast();
    }

    @Override
    public void follow(String topic) {
        reader.follow(Objects.requireNonNull(topic));
    }

    @Override
    public void unfollow(String topic) {
        reader.unfollow(Objects.requireNonNull(topic));
    }

    @Override
    public boolean isReady() {
        return !closed && reachable && epoch != null;
    }

    public String epoch() {
        return epoch;
    }

    HostAndPort address() {
        return address;
    }

    /**
     * Reads the epoch from Redis, creating one if Redis has none (first start, or its
     * history was lost), and adopts it. Adopting a different epoch than the one we had
     * means events were lost: open streams are told through {@link BrokerListener#historyLost}.
     */
    String ensureEpoch() {
        String previous;
        String current;
        synchronized (this) {
            current = redis.get(keys.epoch());
            if (current == null) {
                redis.set(keys.epoch(), newEpoch(), SetParams.setParams().nx());
                current = redis.get(keys.epoch());
            }
            previous = epoch;
            if (current.equals(previous)) return current;
            String lastText = redis.get(keys.last());
            last = lastText == null ? null : RedisEntries.id(current, lastText);
            adoptedAt = lastText == null ? "0-0" : lastText;
            epoch = current;
        }
        if (previous != null) {
            LOG.warning("Redis lost the hub's history (epoch " + previous + " is now " + current
                    + "): open streams reconnect and get a reset");
            try {
                listener.historyLost();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "history-lost action failed", e);
            }
        }
        return current;
    }

    /**
     * The hub's last id when this node adopted the epoch, read under the same lock: the feed's
     * first connection replays the followed topics from there, not from its own (later) first
     * contact, so an event published once the node could be ready (and so hold subscribers) is
     * never skipped.
     */
    synchronized String adoptedAt() {
        return adoptedAt;
    }

    /** Random, and in the id grammar ({@code [a-z0-9]{1,24}}). */
    private static String newEpoch() {
        long random = ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36);
        return Long.toString(System.currentTimeMillis(), 36) + Long.toString(random, 36);
    }

    private synchronized void advance(EventId id) {
        if (last == null || !last.sameEpoch(id) || id.isAfter(last)) last = id;
    }

    /** The entry's form of a draft's traceparent: empty for none. */
    private static String traceparent(EventDraft draft) {
        return draft.traceparent() == null ? "" : draft.traceparent();
    }

    /** Publishes the hub's last id with {@code token} on the feed {@code channel}, atomically (mark.lua). */
    void mark(String channel, String token) {
        MARK.run(redis, List.of(keys.last()), List.of(channel, token));
    }

    /** Events of a followed topic were lost before reaching this node: open streams must resume by id. */
    void historyLost() {
        try {
            listener.historyLost();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "history-lost action failed", e);
        }
    }

    /** The reader's thread, in id order; {@code traceparent} the publish's, or null. */
    void deliver(Event event, String traceparent) {
        advance(event.id());
        try {
            listener.event(event, traceparent);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "listener failed for " + event.id(), e);
        }
    }

    Jedis openReaderConnection() {
        return connection.open();
    }

    void reachable() {
        if (reachable) return;
        // Idle pooled connections still point at the Redis that went away: drop them,
        // so the first publish after the outage does not fail on a dead socket.
        redis.getPool().clear();
        reachable = true;
        LOG.info(() -> "Redis at " + address + " answers");
    }

    /** Only a broken connection makes the node unready; a busy pool or a refused command does not. */
    void unreachable(Exception e) {
        if (!(e instanceof JedisConnectionException)) return;
        if (reachable && !closed) LOG.warning(() -> "Redis at " + address + " is unreachable: " + e.getMessage());
        reachable = false;
    }

    /** Whether Redis answered the last time this node asked. */
    boolean answers() {
        return reachable && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        reader.close();
        if (ownsConnection) connection.close();
    }
}
