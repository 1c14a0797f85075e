package dev.herald.boot;

import dev.herald.broker.EventJournal;
import dev.herald.broker.MemoryBroker;
import dev.herald.broker.RedisBroker;
import dev.herald.broker.ShardedBroker;
import dev.herald.broker.SqlEventJournal;
import dev.herald.hub.Broker;
import dev.herald.hub.EventHub;
import dev.herald.redis.RedisConnection;
import dev.herald.redis.RedisSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** Builds the hub and its broker from configuration when the application starts. */
@ApplicationScoped
public class HubProducer {
    private static final Logger LOG = Logger.getLogger(HubProducer.class.getName());

    /** The one HeraldConfig, over MicroProfile Config's: every bean and listener that reads a key injects it. */
    @Produces
    @Singleton
    HeraldConfig config(Config config) {
        return new HeraldConfig(key -> config.getOptionalValue(key, String.class));
    }

    @Produces
    @Singleton
    EventHub hub(HeraldConfig config, Storage storage) {
        // One node keeps its retention in its database; a cluster's lives in Redis.
        Broker broker = storage.choose(() -> new MemoryBroker(config.retentionRules(), Clock.systemUTC(),
                        storage.database().<EventJournal>map(SqlEventJournal::new).orElse(EventJournal.NONE)),
                redis -> redisBroker(redis, config));
        var hub = new EventHub(broker, config.hubSettings());
        LOG.info(() -> "Herald hub started on the " + (storage.shared() ? "redis" : "memory") + " broker, data kept in "
                + storage.kept().name().toLowerCase(java.util.Locale.ROOT));
        return hub;
    }

    /** Events at the node's Redis, or spread over {@code herald.redis.shards}, each shard a broker with its own connections. */
    private static Broker redisBroker(RedisConnection redis, HeraldConfig config) {
        List<RedisSettings> shards = config.redisShards();
        if (shards.isEmpty()) return new RedisBroker(redis, config.retentionRules(), Clock.systemUTC());
        var brokers = new ArrayList<RedisBroker>(shards.size());
        for (RedisSettings shard : shards) brokers.add(new RedisBroker(shard, config.retentionRules(), Clock.systemUTC()));
        List<String> names = shards.stream().map(RedisSettings::shardName).toList();
        LOG.info(() -> "events spread over " + names.size() + " Redis shards: " + names);
        return new ShardedBroker(names, brokers);
    }

    void close(@Disposes EventHub hub) {
        hub.close();
    }

    /**
     * The node's Redis connections with {@code herald.broker=redis}, shared by the broker and
     * every store; asked for only in that mode, through {@link Storage}.
     */
    @Produces
    @Singleton
    RedisConnection redis(HeraldConfig config) {
        return new RedisConnection(config.redisSettings());
    }

    void close(@Disposes RedisConnection redis) {
        redis.close();
    }

    /** Starts the hub with the application rather than on the first request, and says what is unsafe. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored, EventHub hub, HeraldConfig config) {
        if (HeraldConfig.DEFAULT_PUBLISHER_TOKEN.equals(config.publisherToken())) {
            LOG.warning("herald.publisher.token is the default 'dev-publisher-token': anyone can publish. Set it before exposing Herald.");
        }
    }
}
