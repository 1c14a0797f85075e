package dev.herald.security.limits;

import dev.herald.http.ProblemException;
import dev.herald.redis.KeySpace;
import dev.herald.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Open streams per user and per address counted for the whole cluster. Each stream holds a
 * permit in a sorted set per user and per address ({@code <prefix>limit:streams:user:<id>},
 * {@code …:address:<ip>}), scored by when its lease ends; its node renews the leases while
 * the stream is open, so the streams of a node that dies stop counting within one lease.
 * <p>
 * This node also counts its own streams ({@link MemoryStreamCounts}): that count alone
 * decides while Redis cannot answer, and a stream admitted then is added to the cluster's
 * count at the first renewal that reaches Redis.
 */
public final class RedisStreamCounts implements StreamCounts {
    /** How long a permit counts unless renewed: a dead node's streams free their slots within this. */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final int RENEWALS_PER_LEASE = 3;
    /** Keys per renewal script, so one call never blocks Redis for long. */
    private static final int RENEW_BATCH = 512;
    private static final Logger LOG = Logger.getLogger(RedisStreamCounts.class.getName());
    private static final LuaScript TAKE = LuaScript.load(RedisStreamCounts.class, "clock.lua", "stream-take.lua");
    private static final LuaScript RENEW = LuaScript.load(RedisStreamCounts.class, "clock.lua", "stream-renew.lua");

    private final UnifiedJedis redis;
    private final String users;
    private final String addresses;
    private final StreamQuota quota;
    private final String lease;
    /** Unique across restarts too: a node that comes back under the same id must not renew or free its old permits. */
    private final String permitPrefix;
    private final AtomicLong permits = new AtomicLong();
    private final MemoryStreamCounts local;
    /** This node's permits and the keys each is counted under: what it renews. */
    private final Map<String, List<String>> held = new ConcurrentHashMap<>();
    private final RedisOutage outage = new RedisOutage(LOG, "open-stream limits per user and per address");
    private volatile ScheduledFuture<?> renewals;

    RedisStreamCounts(KeySpace keys, String nodeId, StreamQuota quota, Duration lease) {
        this.redis = keys.redis();
        this.users = keys.prefix() + "limit:streams:user:";
        this.addresses = keys.prefix() + "limit:streams:address:";
        this.quota = quota;
        this.lease = Long.toString(lease.toMillis());
        this.permitPrefix = nodeId + ":" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + ":";
        this.local = new MemoryStreamCounts(quota);
    }

    /** Counts for the cluster, this node's permits renewed on {@code scheduler} a few times per {@link #LEASE}. */
    static RedisStreamCounts renewing(KeySpace keys, String nodeId, StreamQuota quota, ScheduledExecutorService scheduler) {
        var counts = new RedisStreamCounts(keys, nodeId, quota, LEASE);
        long every = LEASE.toMillis() / RENEWALS_PER_LEASE;
        counts.renewals = scheduler.scheduleWithFixedDelay(counts::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        return counts;
    }

    @Override
    public Runnable take(String userId, String address) {
        // This node's own streams may hold a limit already: no need to ask Redis then.
        Runnable ownSlots = local.take(userId, address);
        List<String> keys = new ArrayList<>(2);
        List<String> args = new ArrayList<>(4);
        List<Supplier<ProblemException>> refusals = new ArrayList<>(2);
        String id = permitPrefix + permits.incrementAndGet();
        args.add(id);
        args.add(lease);
        if (userId != null) {
            keys.add(users + userId);
            args.add(Integer.toString(quota.perUser()));
            refusals.add(quota::userFull);
        }
        if (address != null) {
            keys.add(addresses + address);
            args.add(Integer.toString(quota.perAddress()));
            refusals.add(quota::addressFull);
        }
        if (keys.isEmpty()) return ownSlots;
        long refused;
        try {
            refused = ((Number) TAKE.run(redis, keys, args)).longValue();
            outage.answered();
        } catch (JedisException e) {
            // This node's own count decided; the permit joins the cluster's at the next renewal that reaches Redis.
            outage.failed(e);
            refused = 0;
        }
        if (refused > 0) {
            ownSlots.run();
            throw refusals.get((int) refused - 1).get();
        }
        held.put(id, List.copyOf(keys));
        return () -> {
            ownSlots.run();
            List<String> counted = held.remove(id);
            if (counted != null) forget(id, counted);
        };
    }

    /**
     * Extends the lease of every permit this node holds, and adds back any that Redis lost.
     * A stream that ended while its permit was being renewed may have been added back: it is
     * taken out again, so an ended stream never counts for a whole lease.
     */
    void renew() {
        Map<String, List<String>> renewed = Map.copyOf(held);
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(lease);
        for (var permit : renewed.entrySet()) {
            for (String key : permit.getValue()) {
                keys.add(key);
                args.add(permit.getKey());
            }
            if (keys.size() >= RENEW_BATCH) {
                RENEW.run(redis, keys, args);
                keys.clear();
                args.subList(1, args.size()).clear();
            }
        }
        if (!keys.isEmpty()) RENEW.run(redis, keys, args);
        renewed.forEach((id, counted) -> {
            if (!held.containsKey(id)) forget(id, counted);
        });
    }

    private void renewQuietly() {
        try {
            renew();
            outage.answered();
        } catch (JedisException e) {
            outage.failed(e);
        } catch (RuntimeException e) {
            // A schedule ends at its first exception: log it and renew next time.
            LOG.log(Level.WARNING, "renewing open-stream permits failed", e);
        }
    }

    /**
     * Frees a permit now; if Redis cannot be told (or the pool is closed, at shutdown), it
     * stops counting when its lease ends: a stream ends whatever Redis says.
     */
    private void forget(String id, List<String> keys) {
        try (var pipe = redis.pipelined()) {
            for (String key : keys) pipe.zrem(key, id);
            pipe.sync();
        } catch (JedisException e) {
            outage.failed(e);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "an open-stream permit was left to its lease", e);
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> scheduled = renewals;
        if (scheduled != null) scheduled.cancel(false);
    }
}
